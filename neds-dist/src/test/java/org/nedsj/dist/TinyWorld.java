package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One small world shared by the bad-input tests of this JVM: two synthetic sessions of 40 trials,
 * their prepared dataset, an experiment for a tiny model and a run trained for one epoch. Tests
 * never change it; they copy what they damage.
 */
final class TinyWorld {

    private static TinyWorld shared;

    final Path root;
    final Path alf;
    final Path data;
    final Path experiment;
    final Path run;
    final List<String> sessions;

    private TinyWorld(Path root) throws IOException {
        this.root = root;
        alf = root.resolve("alf");
        data = root.resolve("data");
        run = root.resolve("run");
        experiment = root.resolve("tiny.conf");
        succeed("synth", "--out", alf.toString(), "--sessions", "2", "--trials", "40", "--seed", "11");
        succeed("prepare", "--alf", alf.toString(), "--out", data.toString());
        try (Stream<Path> dirs = Files.list(data)) {
            sessions = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        Files.writeString(experiment, config(data, 1));
        succeed("train", "--config", experiment.toString(), "--out", run.toString());
    }

    static synchronized TinyWorld get() {
        if (shared == null) {
            try {
                Path root = Files.createTempDirectory("neds-tiny-world");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                shared = new TinyWorld(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The experiment text of a tiny model on {@code data}, trained for {@code epochs}. */
    static String config(Path data, int epochs) {
        return """
                data.path = "%s"
                model {
                  preset = tiny
                  presets.tiny { hidden = 16, layers = 1, heads = 2, mlp = 32 }
                  dropout = 0
                  embed-dropout = 0
                }
                train { epochs = %d, lr = 3e-3, batch-size = 16 }
                eval.batch-size = 64
                """.formatted(data.toString().replace("\\", "/"), epochs);
    }

    /** A copy of the trained run (for damaging) under {@code dir}. */
    Path copyOfRun(Path dir) {
        return copyTree(run, dir.resolve("run"));
    }

    /** A copy of the prepared dataset under {@code dir}. */
    Path copyOfData(Path dir) {
        return copyTree(data, dir.resolve("data"));
    }

    private static void succeed(String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
    }

    static Path copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
