package org.joulebench.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.joulebench.kernels.spi.BackendException;

/**
 * Loads JCuda's driver-API native library from a folder joulebench owns. JCuda unpacks its natives into
 * {@code java.io.tmpdir}, which is often mounted {@code noexec} (and shared with other users); it skips the
 * unpacking when the file is already there. So we unpack it ourselves, atomically and only when missing or
 * different, into our folder, and point {@code java.io.tmpdir} at that folder for as long as JCuda's class
 * initialisation loads it.
 */
final class JCudaNatives {
    private static boolean loaded;

    private JCudaNatives() {}

    /** The file name JCuda looks for, e.g. {@code libJCudaDriver-12.6.0-linux-x86_64.so}. */
    static String fileName(CudaEnvironment env) {
        return "libJCudaDriver-" + CudaBackendProvider.JCUDA_VERSION + "-" + env.jcudaPlatform() + ".so";
    }

    /** Unpacks the native library into {@code dir} unless an identical copy is there; returns its path. */
    static Path unpack(CudaEnvironment env, Path dir) throws BackendException {
        String resource = "/lib/" + fileName(env);
        byte[] bytes;
        try (InputStream in = JCudaNatives.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BackendException("JCuda's native library " + resource + " is not on the class path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new BackendException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        Path target = dir.resolve(fileName(env));
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return target;
            }
            Path partial = Files.createTempFile(dir, fileName(env), ".partial");
            try {
                Files.write(partial, bytes);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new BackendException("cannot unpack JCuda's native library into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks into {@code env.nativesDir()} and loads it through JCuda's own loader, once per JVM. */
    static synchronized void load(CudaEnvironment env) throws BackendException {
        if (loaded) {
            return;
        }
        Path dir = env.nativesDir().toAbsolutePath();
        unpack(env, dir);
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            jcuda.driver.JCudaDriver.setExceptionsEnabled(true); // class initialisation loads the library
        } catch (LinkageError e) {
            String why = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new BackendException("JCuda's native library from " + dir + " could not be loaded: " + why, e);
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        loaded = true;
    }
}
