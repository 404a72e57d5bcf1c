package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers of one folder at once: one is refused with a clear message, the other's output is whole. */
class ConcurrentWritersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Runs both at the same moment; returns their results in order. */
    private static List<CommandRun> race(Supplier<CommandRun> a, Supplier<CommandRun> b) {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<CommandRun> first = CompletableFuture.supplyAsync(() -> awaitThen(start, a));
        CompletableFuture<CommandRun> second = CompletableFuture.supplyAsync(() -> awaitThen(start, b));
        start.countDown();
        return List.of(first.join(), second.join());
    }

    private static CommandRun awaitThen(CountDownLatch start, Supplier<CommandRun> command) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return command.get();
    }

    private static int winner(List<CommandRun> runs) {
        long ok = runs.stream().filter(r -> r.status() == 0).count();
        assertEquals(1, ok, "exactly one writer succeeds: " + runs);
        int loser = runs.get(0).status() == 0 ? 1 : 0;
        Rejection.assertUserError(runs.get(loser), "is in use by another neds command", "pid ");
        return 1 - loser;
    }

    @Test
    void twoTrainingsIntoOneFolder() throws IOException {
        TinyWorld world = TinyWorld.get();
        Path out = tmp.resolve("run");
        List<CommandRun> runs = race(
                () -> CommandRun.of("train", "--config", world.experiment.toString(), "--set", "train.seed=1",
                        "--set", "train.epochs=3", "--out", out.toString()),
                () -> CommandRun.of("train", "--config", world.experiment.toString(), "--set", "train.seed=2",
                        "--set", "train.epochs=3", "--out", out.toString()));
        int seed = winner(runs) + 1;
        assertEquals(String.valueOf(seed), JSON.readTree(out.resolve("run.json").toFile()).get("seed").asText());
        assertTrue(Files.readString(out.resolve("resolved.conf")).contains("seed=" + seed), "resolved.conf of the winner");
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(List.of("1", "2", "3"), metrics.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList());
        CommandRun eval = CommandRun.of("eval", "--run", out.toString());
        assertEquals(0, eval.status(), eval.err());
        String report = Files.readString(out.resolve("report/report.txt"));
        assertTrue(java.util.regex.Pattern.compile("(?m)^\\s*seed\\s+" + seed + "\\s*$").matcher(report).find(),
                "the report shows the winner's seed:\n" + report);
        assertTrue(Files.notExists(out.resolve(".neds.lock")), "the lock is released");
    }

    @Test
    void twoPreparationsIntoOneFolder() throws IOException {
        Path alf = tmp.resolve("alf");
        assertEquals(0, CommandRun.of("synth", "--out", alf.toString(), "--sessions", "3", "--trials", "150", "--seed", "3").status());
        Path out = tmp.resolve("data");
        List<CommandRun> runs = race(
                () -> CommandRun.of("prepare", "--alf", alf.toString(), "--out", out.toString()),
                () -> CommandRun.of("prepare", "--alf", alf.toString(), "--out", out.toString()));
        winner(runs);
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        List<String> listed = new java.util.ArrayList<>();
        manifest.get("sessions").forEach(s -> listed.add(s.get("id").asText()));
        java.util.Collections.sort(listed);
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(Stream.concat(listed.stream(), Stream.of("manifest.json")).sorted().toList(),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(), "the manifest and the session folders agree");
        }
        assertEquals(3, listed.size());
    }
}
