package org.joulebench.backend.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A fake NVIDIA machine in a temporary folder: procfs tree, library folders, Python site-packages. */
final class FakeMachine {
    final Path proc;
    final Path systemLib;
    final Path ldLib;
    final Path site;
    Path cublasOverride;
    String osArch = "amd64";
    String visibleDevices;
    String deviceOrder;
    final Path natives;

    FakeMachine(Path root) throws IOException {
        proc = root.resolve("proc/driver/nvidia");
        systemLib = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        ldLib = Files.createDirectories(root.resolve("ld"));
        site = Files.createDirectories(root.resolve("python3.12/site-packages"));
        natives = root.resolve("state/native");
    }

    CudaEnvironment env() {
        return new CudaEnvironment(
                proc,
                List.of(ldLib),
                List.of(systemLib),
                List.of(site),
                cublasOverride,
                "Linux",
                osArch,
                visibleDevices,
                deviceOrder,
                natives);
    }

    FakeMachine driverLibrary() throws IOException {
        Files.writeString(systemLib.resolve("libcuda.so.1"), "not really a library");
        return this;
    }

    FakeMachine driverVersion(String version) throws IOException {
        Files.createDirectories(proc);
        Files.writeString(
                proc.resolve("version"),
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  " + version
                        + "  Release Build  (dvs-builder@U16-I2-C03-12-4)  Thu Jul 24 18:37:47 UTC 2025\n"
                        + "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14+deb12u1)\n");
        return this;
    }

    FakeMachine gpu(String dirName, String model, String uuid, String busLocation) throws IOException {
        Path dir = Files.createDirectories(proc.resolve("gpus").resolve(dirName));
        Files.writeString(
                dir.resolve("information"),
                "Model: \t\t " + model + "\n"
                        + "IRQ:   \t\t 1042\n"
                        + "GPU UUID: \t " + uuid + "\n"
                        + "Video BIOS: \t 96.00.af.00.01\n"
                        + "Bus Type: \t PCIe\n"
                        + "DMA Size: \t 52 bits\n"
                        + "DMA Mask: \t 0xfffffffffffff\n"
                        + "Bus Location: \t " + busLocation + "\n"
                        + "Device Minor: \t 0\n"
                        + "GPU Excluded:\t No\n");
        return this;
    }

    /** A complete, usable machine with one H200-like GPU. */
    FakeMachine withOneGpu() throws IOException {
        return driverLibrary()
                .driverVersion("580.65.06")
                .gpu("0000:19:00.0", "NVIDIA H200", "GPU-5f6c0e1a-1111-2222-3333-444455556666", "0000:19:00.0");
    }

    static Path touch(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "x");
    }
}
