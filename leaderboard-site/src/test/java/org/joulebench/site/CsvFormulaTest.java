package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joulebench.results.system.ChipKind;
import org.joulebench.results.system.SystemDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV downloads a spreadsheet opens: no cell of {@code downloads/results.csv} starts a formula, in any
 * of its forms (= + - @, their full-width forms, and each of those after a TAB, CR, LF, blank or
 * invisible character). The names reach the CSV through an in-memory submission, since {@code check}
 * refuses control characters before a site is ever built (tested in the results module).
 */
class CsvFormulaTest {
    static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"http://x\")",
            "\t=cmd()",
            "\r=cmd()",
            "\n=cmd()",
            " \t@SUM(1)",
            "+1+1",
            "-1+cmd()",
            "\uFF1Dcmd()",
            "\u200B=cmd()",
            "\t");

    @TempDir
    Path tmp;

    @Test
    void noCellOfTheDownloadStartsAFormula() throws Exception {
        List<SiteSubmission> subs = new ArrayList<>();
        for (int i = 0; i < FORMULAS.size(); i++) {
            String f = FORMULAS.get(i);
            SystemDescription sys =
                    Synthetic.system(f, f + " system " + i, f, f, ChipKind.GPU, LocalDate.of(2020, 1, 1));
            subs.add(new SiteSubmission(
                    sys,
                    List.of(new SiteRun(
                            Synthetic.run("run" + i, new Random(i), sys.announced(), ChipKind.GPU, false),
                            null,
                            "run" + i + ".json")),
                    null,
                    "s" + i + "/s" + i,
                    null));
        }
        Path site = tmp.resolve("site");
        SiteGenerator.generate(new SiteInput(subs, List.of(), null), site);

        List<List<String>> rows = parse(Files.readString(site.resolve("downloads/results.csv")));
        assertThat(rows.size()).isGreaterThan(FORMULAS.size());
        int defused = 0;
        for (List<String> row : rows) {
            for (String cell : row) {
                assertThat(Csv.formulaLeading(cell)).as("cell %s", cell).isFalse();
                if (cell.startsWith("'") && FORMULAS.contains(cell.substring(1))) {
                    defused++;
                }
            }
        }
        assertThat(defused).as("the hostile names are kept, defused").isGreaterThanOrEqualTo(FORMULAS.size());
    }

    /** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
