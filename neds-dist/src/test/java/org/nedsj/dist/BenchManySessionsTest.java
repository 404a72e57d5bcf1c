package org.nedsj.dist;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchManySessionsTest {

    private static final Pattern ROW = Pattern.compile("\\n +(\\d+) +(\\d+-\\d+) +(\\d+) +(\\d+) +(\\d+\\.\\d{3}) +(\\d+\\.\\d) +(\\d+\\.\\d) "
            + "+(\\d+\\.\\d) +(\\d+\\.\\d) +(\\d+\\.\\d) +(\\d+\\.\\d)(?=\\n)");

    @Test
    void printsTimeAndPositiveMemoryFiguresForEachSessionCount() {
        CommandRun run = CommandRun.of("bench", "train", "--sessions", "1,3", "--session-trials", "20", "--batch", "4", "--steps", "1",
                "--json");
        assertEquals(0, run.status(), run.err());
        Matcher rows = ROW.matcher(run.out());
        for (List<String> expected : List.of(List.of("1", "800-800", "14"), List.of("3", "100-800", "42"))) {
            assertTrue(rows.find(), "a row for " + expected.get(0) + " sessions is missing:\n" + run.out());
            assertEquals(expected, List.of(rows.group(1), rows.group(2), rows.group(3)), run.out());
            for (int g = 5; g <= 10; g++) {
                assertTrue(Double.parseDouble(rows.group(g)) > 0, "column " + g + " is not positive:\n" + run.out());
            }
        }
        String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("\\{\"sessions\": \\{\"1\": \\{\"step_s_median\": [0-9.]+, .*\"vmhwm_bytes\": [1-9][0-9]*}, \"3\": .*}}"),
                last);
    }

    @Test
    void aSessionCountBelowOneIsAnError() {
        CommandRun run = CommandRun.of("bench", "train", "--sessions", "0");
        assertNotEquals(0, run.status(), run.out());
        assertTrue(run.err().contains("--sessions 0: each count must be at least 1"), run.err());
    }
}
