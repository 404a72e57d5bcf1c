package org.nedsj.trainer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvedConfigWriterTest {

    @TempDir
    Path tmp;

    private ExperimentConfig experiment() throws IOException {
        Path exp = Files.writeString(tmp.resolve("exp.conf"), "train {\n  epochs = 3\n}\nmodel.modalities.lfp.encoder = dynamic\n");
        Properties props = new Properties();
        props.setProperty("neds.train.lr", "0.0003");
        props.setProperty("neds.home", "/opt/neds");
        ExperimentConfigLoader loader = new ExperimentConfigLoader(ConfigFactory.parseString(ExperimentConfigLoaderTest.REFERENCE,
                ConfigParseOptions.defaults().setOriginDescription("reference.conf")));
        return loader.load(new ExperimentSources(Optional.of(exp), List.of("data.path=/data/prepared run"), props));
    }

    private List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesTheResolvedConfigIntoTheRunDirectoryAndItReadsBackEqual() throws IOException {
        ExperimentConfig experiment = experiment();
        Path run = tmp.resolve("runs/run-1");
        Path written = ResolvedConfigWriter.write(run, experiment, List.of("Plugin lab: /opt/neds/plugins/lab.jar"));
        assertEquals(run.resolve("resolved.conf"), written);
        assertEquals(List.of(written), filesIn(run), "nothing but the file is left in the run directory");
        assertEquals(experiment.config().root(), ConfigFactory.parseFile(written.toFile()).resolve().root());
    }

    @Test
    void commentsSayWhereEachValueWasSet() throws IOException {
        String text = Files.readString(ResolvedConfigWriter.write(tmp.resolve("run"), experiment(), List.of("Plugin lab: /opt/neds/plugins/lab.jar")));
        assertTrue(text.contains("# Experiment file: " + tmp.resolve("exp.conf")), text);
        assertTrue(text.contains("# --set: data.path=/data/prepared run"), text);
        assertTrue(text.contains("# -D: -Dneds.train.lr=0.0003\n"), text);
        assertTrue(text.contains("# Plugin lab: /opt/neds/plugins/lab.jar"), text);
        assertTrue(text.contains("    # " + tmp.resolve("exp.conf") + ": 2\n    epochs=3\n"), text);
        assertTrue(text.contains("# --set data.path=/data/prepared run"), text);
        assertTrue(text.contains("# -Dneds.train.lr=0.0003"), text);
        assertTrue(text.contains("    # reference.conf: 5\n    # the data source that reads it\n    source=prepared\n"),
                "the reference's origin and comment are kept: " + text);
        assertTrue(text.contains("\n# merge of atPath(data.path),reference.conf: 1\ndata {\n"), "top-level comments are not indented: " + text);
    }

    @Test
    void aSecondWriteReplacesTheFirstWhole() throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("resolved.conf"), "stale = true\n");
        Path written = ResolvedConfigWriter.write(run, experiment(), List.of());
        assertTrue(!Files.readString(written).contains("stale"));
        assertEquals(List.of(written), filesIn(run));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndNamesTheTarget() throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("resolved.conf"));
        Files.writeString(run.resolve("resolved.conf/occupied"), "a folder is in the way");
        ExperimentConfig experiment = experiment();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ResolvedConfigWriter.write(run, experiment, List.of()));
        assertTrue(e.getMessage().startsWith("cannot write the resolved configuration " + run.resolve("resolved.conf")), e.getMessage());
        assertEquals(List.of(run.resolve("resolved.conf")), filesIn(run), "the temporary file is gone");
    }
}
