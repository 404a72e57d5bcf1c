package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broken jar in {@code plugins/} is listed as broken with its cause and blocks only what needs it. */
class BadPluginTest {

    @TempDir
    Path tmp;


    @Test
    void neds_pluginsListsABrokenPluginWithTheCauseOfItsFailure() {
        Path jar = LabPluginJar.writeThrowing(tmp.resolve("plugins"), "broken.jar");
        CommandRun run = CommandRun.withPlugins(tmp.resolve("plugins"), "plugins");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("BROKEN  " + jar.toAbsolutePath()), run.out());
        assertTrue(run.out().contains(LabPluginJar.THROWN), "the constructor's own message is shown:\n" + run.out());
        assertTrue(run.out().contains("  from classpath ("), "the working plugins are still listed:\n" + run.out());
    }

    @Test
    void aBrokenPluginDoesNotStopCommandsThatDoNotNeedIt() {
        LabPluginJar.writeThrowing(tmp.resolve("plugins"), "broken.jar");
        CommandRun synth = CommandRun.withPlugins(tmp.resolve("plugins"), "synth", "--out", tmp.resolve("alf").toString(), "--sessions", "1",
                "--trials", "30");
        assertEquals(0, synth.status(), synth.err());
        CommandRun prepare = CommandRun.withPlugins(tmp.resolve("plugins"), "prepare", "--alf", tmp.resolve("alf").toString(), "--out",
                tmp.resolve("data").toString());
        assertEquals(0, prepare.status(), prepare.err());
    }

    @Test
    void aCommandNeedingWhatTheBrokenPluginWouldProvideNamesIt() {
        Path jar = LabPluginJar.writeThrowing(tmp.resolve("plugins"), "broken.jar");
        TinyWorld world = TinyWorld.get();
        CommandRun run = CommandRun.withPlugins(tmp.resolve("plugins"), "train", "--config", world.experiment.toString(), "--set",
                "train.modes.mm=test-scheme", "--out", tmp.resolve("run").toString());
        Rejection.assertUserError(run, "test-scheme", "could not be loaded", jar.toAbsolutePath().toString(), LabPluginJar.THROWN);
    }
}
