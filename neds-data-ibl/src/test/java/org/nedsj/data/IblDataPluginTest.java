package org.nedsj.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NedsPlugin;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IblDataPluginTest {

    @TempDir
    Path root;

    static Map<String, DataSourceFactory> factories() {
        NedsPlugin ibl = ServiceLoader.load(NedsPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("ibl")).findFirst().orElseThrow();
        return ibl.dataSources().stream().collect(Collectors.toMap(DataSourceFactory::name, Function.identity()));
    }

    private static Config data(String path, String extra) {
        return ConfigFactory.parseString("path = \"" + path + "\"\n" + extra);
    }

    @Test
    void registeredAsAServiceWithBothSources() {
        assertEquals(java.util.Set.of("prepared", "ibl-alf"), factories().keySet());
        factories().values().forEach(f -> assertTrue(!f.description().isBlank()));
    }

    @Test
    void preparedSourceReadsWhatWasPrepared() {
        Path alf = root.resolve("alf");
        ReferenceSession.write(alf);
        new DatasetPreparer(ConfigFactory.empty()).prepare(alf, root.resolve("data"), s -> { });
        try (DataSource source = factories().get("prepared").create(data(root.resolve("data").toString(), ""))) {
            assertEquals(List.of(ModalitySpec.neuralCounts("spikes", 100), ModalitySpec.dynamicBehaviour("wheel", 100),
                    ModalitySpec.dynamicBehaviour("whisker", 100), ModalitySpec.staticBehaviour("choice", 2),
                    ModalitySpec.staticBehaviour("block", 3)), source.modalities());
            SessionInfo info = source.sessions().get(0);
            assertEquals(ReferenceSession.ID, info.id());
            assertEquals(2, info.neurons());
            assertEquals(4, info.trials());
            assertEquals(64, source.fingerprint().length());

            SessionData s = source.session(ReferenceSession.ID);
            float[] spikes = new float[100 * 5 + 3];
            Arrays.fill(spikes, -1f);
            s.copyTrial("spikes", 0, spikes, 3, 5);
            assertEquals(-1f, spikes[0], "before the offset untouched");
            assertEquals(1f, spikes[3], "bin 0, unit 0");
            assertEquals(0f, spikes[4], "bin 0, unit 4");
            assertEquals(-1f, spikes[5], "padding past the width untouched");
            assertEquals(2f, spikes[3 + 25 * 5], "bin 25, unit 0");
            assertEquals(2f, spikes[3 + 99 * 5], "bin 99, unit 0");

            float[] one = new float[1];
            s.copyTrial("choice", 1, one, 0, 1);
            assertEquals(1f, one[0]);
            s.copyTrial("block", 1, one, 0, 1);
            assertEquals(2f, one[0]);
            float[] wheel = new float[100];
            s.copyTrial("wheel", 2, wheel, 0, 1);
            assertEquals(1 / Math.sqrt(3), wheel[50], 1e-5, "2 rad/s z-scored among 0.5 (one trial) and 2 (three)");
            int splitTotal = 0;
            for (int t = 0; t < s.trialCount(); t++) {
                splitTotal += s.split(t) == Split.TRAIN ? 1 : 0;
            }
            assertEquals(info.trainTrials(), splitTotal);
            assertThrows(IllegalArgumentException.class, () -> s.copyTrial("lfp", 0, one, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> source.session("nope"));
        }
    }

    @Test
    void copyTrialDoesNotAllocate() {
        Path alf = root.resolve("alf");
        ReferenceSession.write(alf);
        new DatasetPreparer(ConfigFactory.empty()).prepare(alf, root.resolve("data"), s -> { });
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (DataSource source = factories().get("prepared").create(data(root.resolve("data").toString(), ""))) {
            SessionData s = source.session(ReferenceSession.ID);
            float[] dest = new float[100 * 8];
            String[] names = IblModalities.NAMES.toArray(new String[0]);
            Runnable copyAll = () -> {
                for (int t = 0; t < s.trialCount(); t++) {
                    for (String m : names) {
                        s.copyTrial(m, t, dest, 0, 8);
                    }
                    s.split(t);
                }
            };
            for (int i = 0; i < 2000; i++) {
                copyAll.run();
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 1000; i++) {
                copyAll.run();
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 64 * 1024, "20,000 trial copies allocated " + allocated + " bytes");
        }
    }

    @Test
    void alfSourceGivesTheSameTrialsWithoutWritingAnything() {
        Path alf = root.resolve("alf");
        ReferenceSession.write(alf);
        new DatasetPreparer(ConfigFactory.empty()).prepare(alf, root.resolve("data"), s -> { });
        try (DataSource prepared = factories().get("prepared").create(data(root.resolve("data").toString(), ""));
             DataSource direct = factories().get("ibl-alf").create(data(alf.toString(), ""))) {
            assertEquals(prepared.modalities(), direct.modalities());
            assertEquals(prepared.sessions(), direct.sessions());
            assertEquals(prepared.fingerprint(), direct.fingerprint(), "same inputs and config, same fingerprint");
            SessionData a = prepared.session(ReferenceSession.ID);
            SessionData b = direct.session(ReferenceSession.ID);
            for (ModalitySpec m : prepared.modalities()) {
                for (int t = 0; t < a.trialCount(); t++) {
                    assertArrayEquals(a.trial(prepared.modalities(), t).get(m.name()), b.trial(direct.modalities(), t).get(m.name()));
                }
            }
        }
        try (var files = java.nio.file.Files.list(root)) {
            assertEquals(List.of("alf", "data"), files.map(p -> p.getFileName().toString()).sorted().toList(), "ibl-alf wrote nothing");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void dataPathMustBeSetAndSessionsMustExist() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> factories().get("prepared").create(ConfigFactory.empty()));
        assertTrue(empty.getMessage().contains("set data.path"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factories().get("ibl-alf").create(ConfigFactory.empty()));

        IllegalArgumentException notPrepared = assertThrows(IllegalArgumentException.class,
                () -> factories().get("prepared").create(data(root.toString(), "")));
        assertTrue(notPrepared.getMessage().contains("manifest.json") && notPrepared.getMessage().contains("neds prepare"),
                notPrepared.getMessage());

        Path alf = root.resolve("alf");
        ReferenceSession.write(alf);
        Path prepared = root.resolve("data");
        new DatasetPreparer(ConfigFactory.empty()).prepare(alf, prepared, s -> { });
        try (DataSource chosen = factories().get("prepared").create(data(prepared.toString(), "sessions = [" + ReferenceSession.ID + "]"))) {
            assertEquals(1, chosen.sessions().size());
        }
        IllegalArgumentException notInManifest = assertThrows(IllegalArgumentException.class,
                () -> factories().get("prepared").create(data(prepared.toString(), "sessions = [x_y_2020-01-01_001]")));
        assertTrue(notInManifest.getMessage().contains("x_y_2020-01-01_001") && notInManifest.getMessage().contains(ReferenceSession.ID),
                notInManifest.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> factories().get("ibl-alf").create(data(alf.toString(), "sessions = [x_y_2020-01-01_001]")));
        assertTrue(unknown.getMessage().contains("x_y_2020-01-01_001"), unknown.getMessage());
    }
}
