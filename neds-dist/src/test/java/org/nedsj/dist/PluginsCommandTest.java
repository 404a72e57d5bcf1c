package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

    @TempDir
    Path tmp;

    private static Properties properties(String name, String value) {
        Properties p = new Properties();
        p.setProperty(name, value);
        return p;
    }

    @Test
    void listsAPluginFromThePluginDirectoryWithWhatItProvidesAndItsJar() {
        Path jar = LabPluginJar.write(tmp.resolve("plugins"), "lab.jar");
        CommandRun run = CommandRun.of(properties("neds.plugins.dir", tmp.resolve("plugins").toString()), "plugins");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Plugin directory: " + tmp.resolve("plugins") + " (from plugins.dir (-Dneds.plugins.dir="), run.out());
        assertTrue(run.out().contains("\nlab-test  from " + jar.toAbsolutePath() + "\n  masking scheme"), run.out());
        assertTrue(run.out().matches("(?s).*\n  masking scheme +test-scheme +" + LabPluginJar.DESCRIPTION + "\n.*"), run.out());
    }

    @Test
    void listsClassPathPluginsWithTheJarTheyCameFrom() {
        CommandRun run = CommandRun.of(new Properties(), "plugins");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Plugin directory: none\n"), run.out());
        int count = Integer.parseInt(run.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0]);
        assertEquals(count, run.out().lines().filter(l -> l.contains("  from classpath (")).count(), run.out());
    }

    @Test
    void theDistributionsPluginFolderIsSearchedByDefault() {
        Path jar = LabPluginJar.write(tmp.resolve("neds/plugins"), "lab.jar");
        CommandRun run = CommandRun.of(properties("neds.home", tmp.resolve("neds").toString()), "plugins");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Plugin directory: " + tmp.resolve("neds/plugins") + " (from -Dneds.home)"), run.out());
        assertTrue(run.out().contains("lab-test  from " + jar.toAbsolutePath()), run.out());
    }

    @Test
    void twoJarsOfferingOneNameFailNamingBothJars() {
        Path a = LabPluginJar.write(tmp.resolve("plugins"), "lab-a.jar");
        Path b = LabPluginJar.write(tmp.resolve("plugins"), "lab-b.jar");
        CommandRun run = CommandRun.of(properties("neds.plugins.dir", tmp.resolve("plugins").toString()), "plugins");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("neds plugins: plugins disagree about names:"), run.err());
        assertTrue(run.err().contains(a.toAbsolutePath().toString()) && run.err().contains(b.toAbsolutePath().toString()), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMissingPluginDirectoryThatWasAskedForIsAnError() {
        CommandRun run = CommandRun.of(properties("neds.plugins.dir", tmp.resolve("nowhere").toString()), "plugins");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("neds plugins: plugin directory " + tmp.resolve("nowhere")), run.err());
    }

    @Test
    void anUnknownConfigurationPropertyIsReportedWithItsFlag() {
        CommandRun run = CommandRun.of(properties("neds.plugins.dri", "x"), "plugins");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("unknown key 'plugins.dri' (-Dneds.plugins.dri=x); nearest valid key: plugins.dir"), run.err());
    }
}
