package org.joulebench.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What the committed PTX was built for and with: the files {@code ARCHS} and {@code NVCC_VERSION} beside it. */
final class PtxInfo {
    static final String FOLDER = "/org/joulebench/backend/cuda/ptx/";

    private PtxInfo() {}

    /** e.g. {@code sm_75, sm_80, sm_86, sm_89, sm_90}. */
    static String arch() {
        return String.join(", ", read("ARCHS").split("\\s+"));
    }

    /** e.g. {@code Cuda compilation tools, release 13.0, V13.0.88} shortened to {@code nvcc 13.0.88}. */
    static String nvccVersion() {
        String line = read("NVCC_VERSION");
        int v = line.lastIndexOf(" V");
        return v >= 0 ? "nvcc " + line.substring(v + 2) : line;
    }

    private static String read(String name) {
        try (InputStream in = PtxInfo.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
