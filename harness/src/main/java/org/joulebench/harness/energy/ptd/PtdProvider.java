package org.joulebench.harness.energy.ptd;

import java.util.List;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.Tier;

/**
 * Options: {@code ptdHost}, {@code ptdPort} (from {@code --sensor ptd:HOST:PORT}), {@code ptdTimeoutMillis}
 * (10000), {@code ptdDomain} (default {@code node-wall}: what the analyser is wired to).
 */
public class PtdProvider implements EnergySensorProvider {

    @Override
    public String id() {
        return "ptd";
    }

    @Override
    public String description() {
        return "External power analyser via SPEC PTDaemon TCP (--sensor ptd:HOST:PORT)";
    }

    @Override
    public boolean autoSelectable() {
        return false;
    }

    @Override
    public int preference() {
        return 0;
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        String domain = options.get("ptdDomain", "node-wall");
        if (options.get("ptdHost").isEmpty()) {
            return SensorProbe.unavailable(
                    "no meter address given (use --sensor ptd:HOST:PORT)", List.of(domain), Method.EXTERNAL_METER);
        }
        try (EnergySensor s = open(options)) {
            return new SensorProbe(true, s.info().meterIdentity(), List.of(domain), Method.EXTERNAL_METER, Tier.A);
        } catch (SensorException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of(domain), Method.EXTERNAL_METER);
        }
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        String host = options.get("ptdHost")
                .orElseThrow(() -> new SensorException("no meter address given (use --sensor ptd:HOST:PORT)"));
        int port = (int) options.getLong("ptdPort", 8888);
        try {
            return new PtdSensor(
                    host,
                    port,
                    (int) options.getLong("ptdTimeoutMillis", 10_000),
                    options.get("ptdDomain", "node-wall"));
        } catch (PtdException e) {
            throw new SensorException(e.getMessage(), e);
        }
    }
}
