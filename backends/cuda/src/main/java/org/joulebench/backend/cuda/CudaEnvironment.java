package org.joulebench.backend.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the provider looks for the driver, its devices and the libraries, read without loading native code.
 * Tests build one over a temporary folder; {@link #fromSystem()} is the real machine.
 *
 * @param procNvidia the driver's procfs folder, normally {@code /proc/driver/nvidia}
 * @param ldLibraryPath the folders of {@code LD_LIBRARY_PATH}, in order
 * @param systemLibraryDirs the dynamic loader's usual folders
 * @param sitePackagesDirs Python {@code site-packages}/{@code dist-packages} folders (for the pip
 *     {@code nvidia/cublas/lib} folder)
 * @param cublasOverride the path the user named with {@code -Djoulebench.cublas} (a file or a folder), or null
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param cudaVisibleDevices {@code CUDA_VISIBLE_DEVICES}, null when unset
 * @param cudaDeviceOrder {@code CUDA_DEVICE_ORDER}, null when unset
 * @param nativesDir the folder joulebench owns where JCuda's native library is unpacked (not
 *     {@code java.io.tmpdir}, which may be {@code noexec})
 */
public record CudaEnvironment(
        Path procNvidia,
        List<Path> ldLibraryPath,
        List<Path> systemLibraryDirs,
        List<Path> sitePackagesDirs,
        Path cublasOverride,
        String osName,
        String osArch,
        String cudaVisibleDevices,
        String cudaDeviceOrder,
        Path nativesDir) {

    /** System property naming a cuBLAS library file or its folder. */
    public static final String CUBLAS_PROPERTY = "joulebench.cublas";
    /**
     * Environment variable naming another procfs folder than {@code /proc/driver/nvidia}: how the tests point
     * the provider at the stand-in driver's tree (whose devices are marked stand-in whatever the folder).
     */
    public static final String PROCFS_VARIABLE = "JOULEBENCH_NVIDIA_PROCFS";
    /** The launcher's system property naming the joulebench folder (its {@code local/} holds our state). */
    static final String HOME_PROPERTY = "joulebench.home";

    static final List<String> SYSTEM_LIBRARY_DIRS = List.of(
            "/lib/x86_64-linux-gnu",
            "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64",
            "/lib64",
            "/usr/lib",
            "/usr/local/cuda/lib64",
            "/usr/local/cuda/targets/x86_64-linux/lib",
            "/usr/local/cuda/targets/sbsa-linux/lib",
            "/usr/lib/wsl/lib");

    public CudaEnvironment {
        ldLibraryPath = List.copyOf(ldLibraryPath);
        systemLibraryDirs = List.copyOf(systemLibraryDirs);
        sitePackagesDirs = List.copyOf(sitePackagesDirs);
    }

    /** The real machine: {@code /proc}, the environment, system properties and the usual folders. */
    public static CudaEnvironment fromSystem() {
        String cublas = System.getProperty(CUBLAS_PROPERTY);
        String procfs = System.getenv(PROCFS_VARIABLE);
        return new CudaEnvironment(
                Path.of(procfs == null || procfs.isBlank() ? "/proc/driver/nvidia" : procfs),
                splitPath(System.getenv("LD_LIBRARY_PATH")),
                SYSTEM_LIBRARY_DIRS.stream().map(Path::of).toList(),
                sitePackages(),
                cublas == null || cublas.isBlank() ? null : Path.of(cublas),
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""),
                System.getenv("CUDA_VISIBLE_DEVICES"),
                System.getenv("CUDA_DEVICE_ORDER"),
                nativesDir(System.getProperty(HOME_PROPERTY), System.getProperty("user.home")));
    }

    /**
     * Where JCuda's natives go: {@code <joulebench home>/local/native} when the launcher named the home, else
     * {@code ~/.local/state/joulebench/native}.
     */
    static Path nativesDir(String joulebenchHome, String userHome) {
        if (joulebenchHome != null && !joulebenchHome.isBlank()) {
            return Path.of(joulebenchHome)
                    .toAbsolutePath()
                    .normalize()
                    .resolve("local")
                    .resolve("native");
        }
        return Path.of(userHome == null ? "." : userHome, ".local", "state", "joulebench", "native");
    }

    /** The folders of a {@code PATH}-like variable; empty entries dropped. */
    static List<Path> splitPath(String value) {
        List<Path> dirs = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
        return dirs;
    }

    /** Python package folders: a virtualenv/conda prefix, the user's, then the system's. */
    static List<Path> sitePackages() {
        List<Path> prefixes = new ArrayList<>();
        for (String env : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                prefixes.add(Path.of(v, "lib"));
            }
        }
        String home = System.getProperty("user.home");
        if (home != null) {
            prefixes.add(Path.of(home, ".local", "lib"));
        }
        prefixes.add(Path.of("/usr/local/lib"));
        prefixes.add(Path.of("/usr/lib"));
        prefixes.add(Path.of("/opt/conda/lib"));
        List<Path> dirs = new ArrayList<>();
        for (Path prefix : prefixes) {
            if (!Files.isDirectory(prefix)) {
                continue;
            }
            try (Stream<Path> s = Files.list(prefix)) {
                s.filter(p -> p.getFileName().toString().startsWith("python3"))
                        .sorted()
                        .forEach(p -> {
                            dirs.add(p.resolve("site-packages"));
                            dirs.add(p.resolve("dist-packages"));
                        });
            } catch (java.io.IOException e) {
                // an unreadable folder has no packages for us
            }
        }
        return dirs;
    }

    /** The platform name JCuda's natives use, e.g. {@code linux-x86_64}. */
    public String jcudaPlatform() {
        String os = osName.toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("linux")
                ? "linux"
                : os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "apple" : os;
        String a = osArch.toLowerCase(Locale.ROOT);
        String archPart = switch (a) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "ppc64le" -> "ppc_64";
            default -> a;
        };
        return osPart + "-" + archPart;
    }
}
