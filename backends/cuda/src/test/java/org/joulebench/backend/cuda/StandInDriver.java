package org.joulebench.backend.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * joulebench's stand-in CUDA driver ({@code src/test/c/libcuda_stand_in.c}), compiled with the machine's gcc
 * into {@code target/cuda-stand-in/lib/libcuda.so.1} beside a procfs tree naming its one device, where this
 * module's surefire configuration points {@code LD_LIBRARY_PATH} and {@code JOULEBENCH_NVIDIA_PROCFS}. Through
 * it the real JCuda natives drive the CUDA backend on a machine without a GPU. Its counters (live allocations,
 * modules, streams, events; copies from pageable memory; unordered reads) are read through the FFM API.
 */
final class StandInDriver {
    static final Path ROOT = Path.of("target", "cuda-stand-in").toAbsolutePath();
    static final Path LIBRARY = ROOT.resolve("lib").resolve("libcuda.so.1");
    static final Path PROCFS = ROOT.resolve("proc").resolve("driver").resolve("nvidia");
    static final Path SOURCE = Path.of("src", "test", "c", "libcuda_stand_in.c").toAbsolutePath();
    static final Path CUBLAS_SOURCE =
            Path.of("src", "test", "c", "libcublas_stand_in.c").toAbsolutePath();
    /** The stand-in cuBLAS, beside the driver (found through LD_LIBRARY_PATH as a real one would be). */
    static final Path CUBLAS = ROOT.resolve("lib").resolve("libcublas.so.13");

    static final Path CUBLAS_LT_SOURCE =
            Path.of("src", "test", "c", "libcublasLt_stand_in.c").toAbsolutePath();
    /** The stand-in cuBLASLt, beside the stand-in cuBLAS (where the backend looks for it). */
    static final Path CUBLAS_LT = ROOT.resolve("lib").resolve("libcublasLt.so.13");
    /** The bus id the stand-in's cuDeviceGetPCIBusId reports (upper-case, as a driver may) and procfs lists. */
    static final String BUS_ID = "0000:5a:00.0";

    private static String failure;
    private static boolean built;
    private static MethodHandle counter;

    private StandInDriver() {}

    /**
     * Builds the stand-in once per JVM; returns null when built, else why not (gcc missing or failing). In CI
     * ({@code CI=true}) a missing gcc is a failure, not a reason to skip.
     */
    static synchronized String build() {
        if (built || failure != null) {
            return failure;
        }
        try {
            Files.createDirectories(LIBRARY.getParent());
            Path partial = LIBRARY.resolveSibling("libcuda.so.1.partial");
            try {
                gcc(partial, SOURCE, "-lm", "-lpthread");
            } catch (IOException e) {
                failure = "gcc not found (" + e.getMessage() + "): the stand-in CUDA driver cannot be built";
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException(failure + "; CI must install gcc", e);
                }
                return failure;
            }
            Files.move(partial, LIBRARY, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path cublasPartial = CUBLAS.resolveSibling("libcublas.so.13.partial");
            gcc(cublasPartial, CUBLAS_SOURCE, "-ldl", "-lm", "-lpthread");
            Files.move(cublasPartial, CUBLAS, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path ltPartial = CUBLAS_LT.resolveSibling("libcublasLt.so.13.partial");
            gcc(ltPartial, CUBLAS_LT_SOURCE, "-ldl", "-lpthread");
            Files.move(ltPartial, CUBLAS_LT, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(PROCFS.resolve("gpus").resolve(BUS_ID));
            Files.writeString(
                    PROCFS.resolve("version"),
                    "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build"
                            + "  (joulebench stand-in)\n");
            Files.writeString(
                    PROCFS.resolve("gpus").resolve(BUS_ID).resolve("information"),
                    "Model: \t\t joulebench stand-in CUDA device (kernels run on the CPU, not a GPU)\n"
                            + "GPU UUID: \t GPU-00000000-0000-4000-8000-0000005a0000\n"
                            + "Bus Location: \t " + BUS_ID + "\n");
            built = true;
            return null;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the stand-in CUDA driver: " + e.getMessage(), e);
        }
    }

    private static void gcc(Path out, Path source, String... libs) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(
                List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", out.toString(), source.toString()));
        cmd.addAll(List.of(libs));
        Process gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes());
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("gcc failed to build " + source.getFileName() + ":\n" + log);
        }
    }

    /** Whether this JVM was started with the stand-in on its library path (the module's surefire setup). */
    static boolean onLibraryPath() {
        String ld = System.getenv("LD_LIBRARY_PATH");
        return ld != null && List.of(ld.split(":")).contains(LIBRARY.getParent().toString());
    }

    /** Makes the stand-in another generation from now on: compute capability and cuDriverGetVersion's number. */
    static synchronized void setDevice(int major, int minor, int driverVersion) {
        try {
            SymbolLookup lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            MethodHandle set = Linker.nativeLinker()
                    .downcallHandle(
                            lib.find("jbsi_set_device").orElseThrow(),
                            FunctionDescriptor.ofVoid(
                                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            set.invokeExact(major, minor, driverVersion);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Live handles of the stand-in cuBLAS. */
    static synchronized long cublasHandles() {
        try {
            SymbolLookup lib = SymbolLookup.libraryLookup(CUBLAS, Arena.global());
            MethodHandle h = Linker.nativeLinker()
                    .downcallHandle(
                            lib.find("jbsi_cublas_handles").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_LONG));
            return (long) h.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Live handles, descriptors, layouts and preferences of the stand-in cuBLASLt. */
    static synchronized long cublasLtObjects() {
        try {
            SymbolLookup lib = SymbolLookup.libraryLookup(CUBLAS_LT, Arena.global());
            MethodHandle h = Linker.nativeLinker()
                    .downcallHandle(
                            lib.find("jbsi_cublaslt_live").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_LONG));
            return (long) h.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** One of the stand-in's counters (see jbsi_counter in the C source); the library must be loaded. */
    static synchronized long count(String name) {
        try {
            if (counter == null) {
                SymbolLookup lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
                counter = Linker.nativeLinker()
                        .downcallHandle(
                                lib.find("jbsi_counter").orElseThrow(),
                                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment s = a.allocateFrom(name);
                long v = (long) counter.invokeExact(s);
                if (v < 0) {
                    throw new IllegalArgumentException("the stand-in has no counter " + name);
                }
                return v;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
