package org.joulebench.backend.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code libcublas.so.N} (and its {@code libcublasLt.so.N}) without loading it, in this order: the
 * path named with {@code -Djoulebench.cublas} (a file or a folder), {@code LD_LIBRARY_PATH}, the system
 * folders, the Python wheels' {@code nvidia/cublas/lib} (CUDA 12) or {@code nvidia/cu13/lib} (CUDA 13) folder under
 * each site-packages folder.
 */
public final class CublasLocator {
    private static final Pattern MAJOR = Pattern.compile("libcublas\\.so\\.([0-9]+)");

    /** A library found: its path and the major version from its file name. */
    public record Found(Path library, int majorVersion, String foundVia) {}

    private final CudaEnvironment env;

    public CublasLocator(CudaEnvironment env) {
        this.env = env;
    }

    public Optional<Found> find() {
        if (env.cublasOverride() != null) {
            Path o = env.cublasOverride();
            if (Files.isRegularFile(o)) {
                return found(o, "-D" + CudaEnvironment.CUBLAS_PROPERTY);
            }
            Optional<Path> inDir = LibraryFinder.findVersioned("libcublas", List.of(o));
            if (inDir.isPresent()) {
                return found(inDir.get(), "-D" + CudaEnvironment.CUBLAS_PROPERTY);
            }
        }
        Optional<Path> p = LibraryFinder.findVersioned("libcublas", env.ldLibraryPath());
        if (p.isPresent()) {
            return found(p.get(), "LD_LIBRARY_PATH");
        }
        p = LibraryFinder.findVersioned("libcublas", env.systemLibraryDirs());
        if (p.isPresent()) {
            return found(p.get(), "system library folder");
        }
        List<Path> wheels = new ArrayList<>();
        for (Path site : env.sitePackagesDirs()) {
            wheels.add(site.resolve("nvidia").resolve("cublas").resolve("lib")); // CUDA 12 wheels
            wheels.add(site.resolve("nvidia").resolve("cu13").resolve("lib")); // CUDA 13 wheels
        }
        p = LibraryFinder.findVersioned("libcublas", wheels);
        return p.isPresent() ? found(p.get(), "Python package nvidia-cublas") : Optional.empty();
    }

    /** The reason for a user when nothing was found: where it looked and how to name a path. */
    public String notFoundReason() {
        String named = env.cublasOverride() == null
                ? ""
                : " (not at -D" + CudaEnvironment.CUBLAS_PROPERTY + "=" + env.cublasOverride() + ")";
        return "libcublas.so.N not found" + named + " in LD_LIBRARY_PATH, the system library folders or a Python"
                + " nvidia/cublas/lib folder; name it with -D" + CudaEnvironment.CUBLAS_PROPERTY + "=PATH";
    }

    private static Optional<Found> found(Path lib, String via) {
        Matcher m = MAJOR.matcher(lib.getFileName().toString());
        int major = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        return Optional.of(new Found(lib, major, via));
    }
}
