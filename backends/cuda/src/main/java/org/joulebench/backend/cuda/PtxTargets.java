package org.joulebench.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The architectures our PTX is built for, which one a device runs, and the driver each needs. One folder of
 * PTX per target ({@code ptx/sm_75} ... {@code ptx/sm_90}); a device runs the newest target not newer than its
 * compute capability (sm_87 runs sm_86's, Blackwell JIT-compiles sm_90's). Each file declares the lowest PTX
 * ISA its target and body allow (build-ptx.sh), and a driver JIT-compiles PTX only of an ISA it knows: the
 * minimum driver follows from the ISA.
 */
final class PtxTargets {
    /** Compute capabilities (major*10+minor) with a PTX folder, oldest first. */
    static final List<Integer> TARGETS = List.of(75, 80, 86, 89, 90);

    /** Why a device older than Turing gets no PTX. */
    static final String VOLTA_REASON = "Volta and older (sm_70 and below) are not supported: CUDA 13's nvcc, which"
            + " builds our PTX, no longer targets them";

    /**
     * A PTX ISA version, the CUDA release that introduced it and the first Linux driver branch of that release
     * (a driver JIT-compiles PTX of its release's ISA and older).
     */
    record Isa(int tenths, String cuda, int driverBranch) {
        String text() {
            return tenths / 10 + "." + tenths % 10;
        }
    }

    /** From the PTX ISA release notes and the CUDA toolkit's driver table. */
    static final List<Isa> ISAS = List.of(
            new Isa(63, "10.0", 410),
            new Isa(64, "10.1", 418),
            new Isa(65, "10.2", 440),
            new Isa(70, "11.0", 450),
            new Isa(71, "11.1", 455),
            new Isa(72, "11.2", 460),
            new Isa(73, "11.3", 465),
            new Isa(74, "11.4", 470),
            new Isa(75, "11.5", 495),
            new Isa(76, "11.6", 510),
            new Isa(77, "11.7", 515),
            new Isa(78, "11.8", 520),
            new Isa(80, "12.0", 525),
            new Isa(81, "12.1", 530),
            new Isa(82, "12.2", 535),
            new Isa(83, "12.3", 545),
            new Isa(84, "12.4", 550),
            new Isa(85, "12.5", 555),
            new Isa(86, "12.7", 565),
            new Isa(87, "12.8", 570),
            new Isa(88, "12.9", 575),
            new Isa(90, "13.0", 580));

    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version ([0-9]+)\\.([0-9])\\s*$");

    private PtxTargets() {}

    /** {@code sm_90} for 90. */
    static String name(int target) {
        return "sm_" + target;
    }

    /** The target a device of this compute capability runs, or why it has none. */
    static Optional<Integer> targetFor(int computeCapability) {
        Integer best = null;
        for (int t : TARGETS) {
            if (t <= computeCapability) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The PTX resource of a file for a target. */
    static String resource(int target, String ptxName) {
        return PtxInfo.FOLDER + name(target) + "/" + ptxName + ".ptx";
    }

    /** The {@code .version} a PTX text declares, in tenths (7.8 -> 78). */
    static int isaOf(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        if (!m.find()) {
            throw new IllegalArgumentException("PTX without a .version line");
        }
        return Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2));
    }

    /** The ISA entry for a version (the next newer one listed if it is not). */
    static Isa isa(int tenths) {
        return ISAS.stream().filter(i -> i.tenths() >= tenths).findFirst().orElse(ISAS.getLast());
    }

    /** The highest PTX ISA any committed file of a target declares. */
    static int isaOfTarget(int target) {
        int max = 0;
        for (CudaKernelSpec s : CudaKernels.all()) {
            String text = read(resource(target, s.ptxName()));
            if (text != null) {
                max = Math.max(max, isaOf(text));
            }
        }
        return max;
    }

    /** The oldest driver branch any target's PTX runs on (what the provider requires at least). */
    static Isa oldestIsa() {
        return isa(TARGETS.stream()
                .mapToInt(PtxTargets::isaOfTarget)
                .filter(i -> i > 0)
                .min()
                .orElse(90));
    }

    /** What a target's PTX needs, e.g. {@code sm_89 PTX (ISA 7.8) needs CUDA 11.8, driver 520 or newer}. */
    static String needs(int target) {
        Isa i = isa(isaOfTarget(target));
        return name(target) + " PTX (ISA " + i.text() + ") needs CUDA " + i.cuda() + ", driver " + i.driverBranch()
                + " or newer";
    }

    /** The CUDA version a driver reports through cuDriverGetVersion (13000 -> 13.0) as ISA tenths it accepts. */
    static int isaOfDriver(int driverVersion) {
        String cuda = driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
        int best = 0;
        for (Isa i : ISAS) {
            if (compare(i.cuda(), cuda) <= 0) {
                best = i.tenths();
            }
        }
        return best;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    /**
     * The compute capability of GPUs whose model procfs names, where it is older than Ampere (the ones our
     * listing must treat differently: Volta has no PTX, Turing no bf16 tensor cores); empty for the rest.
     */
    static OptionalInt computeCapabilityOfModel(String model) {
        String m = " " + model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        if (m.contains(" v100 ") || m.contains(" titan v ") || m.contains(" gv100 ") || m.contains(" v100s ")) {
            return OptionalInt.of(70);
        }
        if (m.contains(" t4 ")
                || m.contains(" titan rtx ")
                || m.contains(" rtx 20")
                || m.contains(" quadro rtx ")
                || m.contains(" gtx 16")
                || m.matches(".* rtx (4000|5000|6000|8000) .*") && !m.contains(" ada ")) {
            return OptionalInt.of(75);
        }
        return OptionalInt.empty();
    }

    private static String read(String resource) {
        try (InputStream in = PtxTargets.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
