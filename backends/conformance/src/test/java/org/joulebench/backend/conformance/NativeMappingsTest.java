package org.joulebench.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeMappingsTest {

    @Test
    void countsSharedObjectsOutsideTheJdkButNotGlibcNameServiceModules() {
        String maps = """
                7f0000000000-7f0000001000 r-xp 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6
                7f0000001000-7f0000002000 r--p 00001000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6
                7f0000002000-7f0000003000 r-xp 00000000 08:01 456 /opt/jdk/lib/server/libjvm.so
                7f0000003000-7f0000004000 r-xp 00000000 08:01 789 /opt/jdk/lib/libnio.so
                7f0000004000-7f0000005000 r-xp 00000000 08:01 321 /usr/lib/x86_64-linux-gnu/libnss_files.so.2
                7f0000005000-7f0000006000 r-xp 00000000 08:01 654 /usr/local/cuda/lib64/libcudart.so.12.4.99
                7f0000006000-7f0000007000 r-xp 00000000 08:01 655 /tmp/my libs/libfake.so (deleted)
                7f0000007000-7f0000008000 rw-p 00000000 00:00 0 [heap]
                7f0000008000-7f0000009000 r--p 00000000 08:01 999 /opt/jdk/lib/modules
                7f0000009000-7f000000a000 rw-p 00000000 00:00 0
                """;
        assertThat(NativeMappings.parse(maps, Path.of("/opt/jdk")))
                .containsExactly(
                        "/tmp/my libs/libfake.so",
                        "/usr/lib/x86_64-linux-gnu/libc.so.6",
                        "/usr/local/cuda/lib64/libcudart.so.12.4.99");
    }

    @Test
    void readsThisProcessWhereTheSystemHasProcMaps() {
        NativeMappings.current().ifPresent(libs -> assertThat(libs).anyMatch(l -> l.contains("libc")));
    }
}
