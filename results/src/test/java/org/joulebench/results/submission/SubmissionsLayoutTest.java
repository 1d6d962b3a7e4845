package org.joulebench.results.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionsLayoutTest {

    @Test
    void theFoldersASubmitLeavesAreLeftoversAndASystemFolderIsNot(@TempDir Path submitter) throws Exception {
        // the names as submit really makes them: a unique suffix after the prefix
        String temp = Files.createTempDirectory(submitter, SubmissionsLayout.tempPrefix("my-gpu"))
                .getFileName()
                .toString();
        String aside = Files.createTempDirectory(submitter, SubmissionsLayout.asidePrefix("my-gpu"))
                .getFileName()
                .toString();
        assertThat(SubmissionsLayout.isLeftover(temp)).isTrue();
        assertThat(SubmissionsLayout.isLeftover(aside)).isTrue();
        assertThat(SubmissionsLayout.isLeftover("my-gpu")).isFalse();
        assertThat(SubmissionsLayout.isLeftover(".my-gpu")).isFalse();
        assertThat(SubmissionsLayout.isLeftover(".my-gpu.new-1")).isFalse();
    }

    @Test
    void onlyTheLockAndGitsPlaceholderAreHousekeeping() {
        assertThat(SubmissionsLayout.isHousekeepingFile(".submit.lock")).isTrue();
        assertThat(SubmissionsLayout.isHousekeepingFile(".gitkeep")).isTrue();
        assertThat(SubmissionsLayout.isHousekeepingFile("notes.txt")).isFalse();
    }
}
