package org.joulebench.harness.energy.ptd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.harness.energy.SensorSpec;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * Options: {@code ptdHost}, {@code ptdPort} (from {@code --sensor ptd:HOST:PORT}) or {@code
 * ptdMeters=ID=HOST:PORT,ID=HOST:PORT} (from {@code --sensor ptd:psu1=HOST:PORT,psu2=HOST:PORT}: several
 * meters summed into one NODE domain), {@code ptdTimeoutMillis} (10000), {@code ptdDomain} (default {@code
 * node-wall}: what the analysers are wired to).
 */
public class PtdProvider implements EnergySensorProvider {
    private static final String NO_ADDRESS =
            "no meter address given (use --sensor ptd:HOST:PORT or ptd:ID=HOST:PORT,ID=HOST:PORT)";

    @Override
    public Set<String> optionKeys() {
        return Set.of("ptdHost", "ptdPort", SensorSpec.PTD_METERS, "ptdDomain", "ptdTimeoutMillis");
    }

    @Override
    public String id() {
        return "ptd";
    }

    @Override
    public String description() {
        return "External power analyser(s) via SPEC PTDaemon TCP (--sensor ptd:HOST:PORT, or several:"
                + " ptd:ID=HOST:PORT,ID=HOST:PORT, summed)";
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
        if (options.get("ptdHost").isEmpty()
                && options.get(SensorSpec.PTD_METERS).isEmpty()) {
            return SensorProbe.unavailable(NO_ADDRESS, List.of(domain), Method.EXTERNAL_METER);
        }
        try (EnergySensor s = open(options)) {
            return new SensorProbe(true, s.info().meterIdentity(), List.of(domain), Method.EXTERNAL_METER, Tier.A);
        } catch (SensorException | IllegalArgumentException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of(domain), Method.EXTERNAL_METER);
        }
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        String domain = options.get("ptdDomain", "node-wall");
        int timeout = (int) options.getLong("ptdTimeoutMillis", 10_000);
        var listed = options.get(SensorSpec.PTD_METERS);
        if (listed.isEmpty()) {
            String host = options.get("ptdHost").orElseThrow(() -> new SensorException(NO_ADDRESS));
            int port = (int) options.getLong("ptdPort", 8888);
            try {
                return new PtdSensor(host, port, timeout, domain);
            } catch (PtdException e) {
                throw new SensorException(e.getMessage(), e);
            }
        }
        List<SensorSpec.Meter> meters;
        try {
            meters = SensorSpec.meters(listed.get());
        } catch (IllegalArgumentException e) {
            throw new SensorException(SensorSpec.PTD_METERS + ": " + e.getMessage());
        }
        Map<String, PtdSensor> opened = new LinkedHashMap<>();
        try {
            for (SensorSpec.Meter m : meters) {
                String id = m.id() == null ? "meter" + (opened.size() + 1) : m.id();
                try {
                    opened.put(id, new PtdSensor(m.host(), m.port(), timeout, domain));
                } catch (PtdException e) {
                    throw new SensorException("meter " + id + ": " + e.getMessage(), e);
                }
            }
        } catch (SensorException e) {
            opened.values().forEach(PtdSensor::close);
            throw e;
        }
        if (opened.size() == 1) {
            return opened.values().iterator().next();
        }
        return new PtdMeterSum(opened, domain, System::nanoTime);
    }
}
