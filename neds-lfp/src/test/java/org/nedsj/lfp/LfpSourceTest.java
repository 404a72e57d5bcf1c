package org.nedsj.lfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.Split;

/**
 * Two synthetic ALF sessions, prepared, with synthetic LFP (one .lf.cbin, one .lf.bin): the prepared-lfp source
 * adds band power as a neural modality whose features follow the wheel and the spikes, and keeps them by fingerprint.
 */
class LfpSourceTest {

    @TempDir
    static Path tmp;
    static Path alf;
    static Path data;

    @BeforeAll
    static void prepare() {
        alf = tmp.resolve("alf-root");
        data = tmp.resolve("DATA");
        SyntheticIbl.write(alf, new SyntheticIbl.Options(2, 40, 11, 60, 80));
        new DatasetPreparer(ConfigFactory.empty()).prepare(alf, data, line -> { });
        List<String> written = SyntheticLfp.writeAll(alf, "both", 3);
        assertTrue(written.get(0).endsWith(".lf.cbin: 16 LFP channels + sync at 2500 Hz"), written.toString());
        assertTrue(written.get(1).endsWith(".lf.bin: 16 LFP channels + sync at 2500 Hz"), written.toString());
    }

    private static Config config(String... overrides) {
        Config c = ConfigFactory.parseString("path = \"" + data + "\"\nlfp.channels.step = 4\n" + String.join("\n", overrides));
        return c.withFallback(ConfigFactory.parseResources("reference.conf").getConfig("data")).resolve();
    }

    @Test
    void bandPowerIsANeuralModalityOfChannelsTimesBandsPerSession() {
        DataSource source = new LfpSourceFactory().create(config());
        ModalitySpec lfp = source.modalities().stream().filter(m -> m.name().equals("lfp")).findFirst().orElseThrow();
        assertTrue(lfp.isNeural());
        assertEquals(ModalitySpec.Kind.DYNAMIC_CONTINUOUS, lfp.kind());
        assertEquals(2, source.sessions().size());
        for (var info : source.sessions()) {
            assertEquals(4 * 5, info.width(lfp), "16 channels, every 4th, 5 bands");
            SessionData s = source.session(info.id());
            float[] v = new float[100 * 20];
            double sum = 0;
            int rows = 0;
            for (int t = 0; t < s.trialCount(); t++) {
                if (s.split(t) == Split.TRAIN) {
                    s.copyTrial("lfp", t, v, 0, 20);
                    for (int b = 0; b < 100; b++) {
                        sum += v[b * 20];
                    }
                    rows++;
                }
            }
            assertEquals(0, sum / (rows * 100.0), 1e-4, "column 0 standardised over the training trials' bins");
        }
    }

    @Test
    void thetaFollowsTheWheelBetaFallsWithItAndGammaFollowsTheSpikes() {
        DataSource source = new LfpSourceFactory().create(config());
        SessionData s = source.session(source.sessions().get(0).id());
        int neurons = s.info().neurons();
        int trials = s.trialCount();
        double[] wheel = new double[trials * 100];
        double[] spikes = new double[trials * 100];
        double[] theta = new double[trials * 100];
        double[] beta = new double[trials * 100];
        double[] gamma = new double[trials * 100];
        float[] w = new float[100];
        float[] n = new float[100 * neurons];
        float[] f = new float[100 * 20];
        for (int t = 0; t < trials; t++) {
            s.copyTrial("wheel", t, w, 0, 1);
            s.copyTrial("spikes", t, n, 0, neurons);
            s.copyTrial("lfp", t, f, 0, 20);
            for (int b = 0; b < 100; b++) {
                int i = t * 100 + b;
                wheel[i] = w[b];
                for (int k = Math.max(0, b - 7); k <= Math.min(99, b + 7); k++) {
                    for (int u = 0; u < neurons; u++) {
                        spikes[i] += n[k * neurons + u];
                    }
                }
                theta[i] = f[b * 20 + 1];
                beta[i] = f[b * 20 + 3];
                gamma[i] = f[b * 20 + 4];
            }
        }
        assertTrue(correlation(wheel, theta) > 0.3, "theta ~ wheel " + correlation(wheel, theta));
        assertTrue(correlation(wheel, beta) < -0.3, "beta ~ wheel " + correlation(wheel, beta));
        assertTrue(correlation(spikes, gamma) > 0.3, "gamma ~ spikes " + correlation(spikes, gamma));
    }

    @Test
    void featuresAreKeptByFingerprintAndRecomputedWhenTheSettingsChange() throws IOException {
        new LfpSourceFactory().create(config());
        String id = new LfpSourceFactory().create(config()).sessions().get(0).id();
        Path features = data.resolve("lfp").resolve(id + ".npy");
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(features, old);
        new LfpSourceFactory().create(config());
        assertEquals(old, Files.getLastModifiedTime(features), "unchanged inputs and settings: reused");
        new LfpSourceFactory().create(config("lfp.window = 0.25", "lfp.welch.segment = 0.25"));
        assertNotEquals(old, Files.getLastModifiedTime(features), "another window: computed again");
        new LfpSourceFactory().create(config());
        try (var files = Files.list(data.resolve("lfp"))) {
            assertEquals(4, files.count(), "one .npy and one .json per session, no temporary files left");
        }
    }

    @Test
    void aSessionWithoutItsLfpStreamIsNamed() throws IOException {
        Path other = tmp.resolve("no-lfp");
        SyntheticIbl.write(other.resolve("alf"), new SyntheticIbl.Options(1, 20, 12, 30, 40));
        new DatasetPreparer(ConfigFactory.empty()).prepare(other.resolve("alf"), other.resolve("DATA"), line -> { });
        Config c = config().withValue("path", ConfigValueFactory.fromAnyRef(other.resolve("DATA").toString()));
        var e = assertThrows(IllegalArgumentException.class, () -> new LfpSourceFactory().create(c));
        assertTrue(e.getMessage().contains("has no LFP stream in") && e.getMessage().contains("raw_ephys_data"), e.getMessage());
    }

    private static double correlation(double[] a, double[] b) {
        return new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(a, b);
    }
}
