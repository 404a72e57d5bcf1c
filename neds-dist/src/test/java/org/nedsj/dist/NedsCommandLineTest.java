package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NedsCommandLineTest {

    /** Each command and the options of its contract (DESIGN.md's table; bench per issue 8). */
    static Stream<Arguments> contract() {
        return Stream.of(
                Arguments.of("synth", List.of("--out=DIR", "--sessions=N", "--trials=T", "--seed=S")),
                Arguments.of("prepare", List.of("--alf=DIR", "--out=DATA", "--config=F")),
                Arguments.of("train", List.of("--config=F", "--resume=RUN", "--set=KEY=VALUE", "--out=RUN")),
                Arguments.of("eval", List.of("--run=RUN", "--data=DATA", "--split=SPLIT", "--out=REPORT", "--mask=SCHEME")),
                Arguments.of("finetune", List.of("--run=RUN", "--data=DATA", "--sessions=ID", "--set=KEY=VALUE", "--out=RUN")),
                Arguments.of("ablate", List.of("--config=F", "--schemes=SETS", "--set=KEY=VALUE", "--out=DIR")),
                Arguments.of("tune", List.of("--config=F", "--space=S", "--trials=N", "--set=KEY=VALUE", "--out=DIR")),
                Arguments.of("plugins", List.of()),
                Arguments.of("demo", List.of("--out=DIR", "--seed=S", "--sessions=N", "--set=KEY=VALUE")),
                Arguments.of("bench train", List.of("--preset=PRESET", "--neurons=N", "--batch=B", "--threads=T", "--steps=N", "--json", "--vs-torch",
                        "--replicas=N[,N...]", "--sessions=N[,N...]", "--session-trials=T")),
                Arguments.of("bench scale", List.of("--efficiency=E", "--sessions=N", "--trials=T", "--train-fraction=F", "--mean-width=N",
                        "--widest=N", "--scale-batch=B")),
                Arguments.of("bench infer", List.of("--preset=PRESET", "--neurons=N", "--batch=B", "--threads=T", "--steps=N", "--json")),
                Arguments.of("bench prepare", List.of("--repeats=N", "--json")));
    }

    @ParameterizedTest
    @MethodSource("contract")
    void everyCommandHasHelpWithItsContractOptions(String command, List<String> options) {
        String[] args = (command + " --help").split(" ");
        // picocli's own warnings (a description it cannot format) go to System.err, not to the command's writer
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CommandRun run;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            run = CommandRun.of(args);
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Usage: neds " + command), run.out());
        String warned = warnings.toString(StandardCharsets.UTF_8);
        assertFalse(warned.contains("picocli WARN"), command + " --help: picocli could not format a description (a lone %"
                + " in it?):\n" + warned);
        for (String option : options) {
            assertTrue(run.out().contains(option), command + " --help lacks " + option + ":\n" + run.out());
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        CommandRun run = CommandRun.of("--help");
        assertEquals(0, run.status());
        for (String c : List.of("synth", "prepare", "train", "eval", "finetune", "ablate", "tune", "plugins", "demo", "bench")) {
            assertTrue(run.out().contains("\n  " + c + " "), "missing " + c + " in\n" + run.out());
        }
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CommandRun run = CommandRun.of("synth", "--sessions", "3");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("Missing required option: '--out=DIR'"), run.err());
        assertTrue(run.err().contains("Usage: neds synth"), run.err());
    }

    @Test
    void trainNeedsExactlyOneOfConfigAndResume() {
        CommandRun neither = CommandRun.of("train", "--out", "/tmp/run");
        assertEquals(2, neither.status());
        assertTrue(neither.err().contains("Missing required argument"), neither.err());
        CommandRun both = CommandRun.of("train", "--config", "a.conf", "--resume", "/tmp/run");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void aSetWithoutKeyAndValueIsAUsageError() {
        CommandRun run = CommandRun.of("train", "--config", "a.conf", "--set", "data.path");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("'data.path' is not key=value, e.g. --set data.path=/data/prepared"), run.err());
    }

    @Test
    void unknownOptionsCommandsAndValuesAreUsageErrors() {
        assertEquals(2, CommandRun.of("synth", "--out", "x", "--sesions", "3").status());
        assertEquals(2, CommandRun.of("fly").status());
        CommandRun preset = CommandRun.of("bench", "train", "--preset", "medium");
        assertEquals(2, preset.status());
        assertTrue(preset.err().contains("medium") && preset.err().contains("small, full"), preset.err());
        assertEquals(2, CommandRun.of("eval", "--run", "r", "--split", "holdout").status());
    }

    @Test
    void aDemoOfOneSessionIsRefusedBeforeItWritesAnything(@TempDir Path dir) {
        Path out = dir.resolve("demo");
        CommandRun run = CommandRun.of("demo", "--sessions", "1", "--out", out.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--sessions 1: give at least 2, one to pretrain on and one to hold out"), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void benchTrainByReplicasPrintsEachCountsMedianAndItsSpeedUpSideBySide() {
        CommandRun run = CommandRun.of("bench", "train", "--replicas", "1,2", "--neurons", "12", "--batch", "4", "--steps", "1",
                "--json");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("(?s).*\\n  1 x 2 +\\d+\\.\\d{3} s +\\d+\\.\\d +1\\.00x\\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  2 x 1 +\\d+\\.\\d{3} s +\\d+\\.\\d +\\d+\\.\\d{2}x\\n.*"), run.out());
        assertTrue(run.out().strip().lines().reduce((a, b) -> b).orElse("")
                .matches("\\{\"replicas\": \\{\"1\": \\{\"step_s_median\": [0-9.]+, \"ratio\": 1\\.000}, \"2\": .*}}"),
                run.out());
        CommandRun tooMany = CommandRun.of("bench", "train", "--replicas", "3", "--threads", "2");
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("--replicas 3: each count must be between 1 and --threads (2)"), tooMany.err());
    }

    @Test
    void nedsOrBenchAloneAskForACommand() {
        CommandRun neds = CommandRun.of();
        assertEquals(2, neds.status());
        assertTrue(neds.err().startsWith("neds: a command is needed"), neds.err());
        CommandRun bench = CommandRun.of("bench");
        assertEquals(2, bench.status());
        assertTrue(bench.err().startsWith("neds bench: say what to measure: train, infer, prepare or scale"), bench.err());
    }

    @Test
    void printsTheProjectVersion() {
        CommandRun run = CommandRun.of("--version");
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("neds 0.1.0" + System.lineSeparator()), run.out());
    }
}
