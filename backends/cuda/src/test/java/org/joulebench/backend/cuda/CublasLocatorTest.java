package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CublasLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void notFoundSaysWhereItLookedAndHowToNameAPath() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        CublasLocator locator = new CublasLocator(m.env());
        assertThat(locator.find()).isEmpty();
        assertThat(locator.notFoundReason())
                .contains("libcublas.so.N not found", "LD_LIBRARY_PATH", "nvidia/cublas/lib", "-Djoulebench.cublas");
    }

    @Test
    void findsThePythonWheelFolder() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        Path lib = FakeMachine.touch(m.site.resolve("nvidia/cublas/lib"), "libcublas.so.13");
        FakeMachine.touch(m.site.resolve("nvidia/cublas/lib"), "libcublasLt.so.13");

        var found = new CublasLocator(m.env()).find();

        assertThat(found).isPresent();
        assertThat(found.get().library()).isEqualTo(lib);
        assertThat(found.get().majorVersion()).isEqualTo(13);
        assertThat(found.get().foundVia()).isEqualTo("Python package nvidia-cublas");
    }

    @Test
    void ldLibraryPathComesBeforeSystemFoldersAndTheWheel() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        FakeMachine.touch(m.systemLib, "libcublas.so.12");
        FakeMachine.touch(m.site.resolve("nvidia/cublas/lib"), "libcublas.so.13");
        Path ld = FakeMachine.touch(m.ldLib, "libcublas.so.11");

        var found = new CublasLocator(m.env()).find().orElseThrow();

        assertThat(found.library()).isEqualTo(ld);
        assertThat(found.foundVia()).isEqualTo("LD_LIBRARY_PATH");
    }

    @Test
    void highestMajorVersionInAFolderWinsAndUnversionedNamesAreIgnored() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        FakeMachine.touch(m.systemLib, "libcublas.so");
        FakeMachine.touch(m.systemLib, "libcublas.so.12");
        FakeMachine.touch(m.systemLib, "libcublas.so.13");
        FakeMachine.touch(m.systemLib, "libcublasLt.so.14");

        var found = new CublasLocator(m.env()).find().orElseThrow();

        assertThat(found.majorVersion()).isEqualTo(13);
        assertThat(found.foundVia()).isEqualTo("system library folder");
    }

    @Test
    void theNamedPathWinsAsAFileOrAFolder() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        FakeMachine.touch(m.ldLib, "libcublas.so.12");
        Path named = FakeMachine.touch(tmp.resolve("mine"), "libcublas.so.13");

        m.cublasOverride = named;
        assertThat(new CublasLocator(m.env()).find().orElseThrow().library()).isEqualTo(named);
        m.cublasOverride = named.getParent();
        var viaFolder = new CublasLocator(m.env()).find().orElseThrow();
        assertThat(viaFolder.library()).isEqualTo(named);
        assertThat(viaFolder.foundVia()).isEqualTo("-Djoulebench.cublas");
    }

    @Test
    void aNamedPathThatHoldsNoLibraryFallsBackAndIsNamedInTheReason() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        m.cublasOverride = tmp.resolve("nothing-here");
        CublasLocator locator = new CublasLocator(m.env());
        assertThat(locator.find()).isEmpty();
        assertThat(locator.notFoundReason()).contains("nothing-here");
    }
}
