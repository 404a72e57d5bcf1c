package org.nedsj.data.prepared;

import org.nedsj.prep.store.PrepareResult;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.PreparedSourceFactory;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The must-show: synth (defaults) → prepare → load, in Java and, when numpy is installed, in numpy. */
class EndToEndTest {

    @TempDir
    static Path root;
    static PrepareResult result;

    @BeforeAll
    static void synthAndPrepare() {
        SyntheticIbl.write(root.resolve("alf"), SyntheticIbl.Options.defaults());
        result = new DatasetPreparer(ConfigFactory.empty()).prepare(root.resolve("alf"), root.resolve("data"), s -> { });
    }

    @Test
    void preparesTheThreeDefaultSessions() {
        assertEquals(3, result.sessions().size());
        assertEquals(0, result.skipped().size());
        result.sessions().forEach(o -> assertTrue(o.summary().trialsKept() > 150 && o.summary().unitsKept() >= 50, o.toString()));
    }

    /**
     * A nearest-centroid decoder on summed counts 0–1 s after the stimulus: choice is above chance on
     * test trials (the generator makes it imperfect; {@code GenerativeModelTest} bounds it from above).
     */
    @Test
    void choiceIsDecodableFromTheSpikes() {
        try (DataSource source = new PreparedSourceFactory().create(ConfigFactory.parseString("path = \"" + root.resolve("data") + "\""))) {
            for (SessionInfo info : source.sessions()) {
                SessionData s = source.session(info.id());
                int n = info.neurons();
                double[][] sum = new double[2][n];
                int[] count = new int[2];
                float[] spikes = new float[100 * n];
                float[] choice = new float[1];
                for (int t = 0; t < s.trialCount(); t++) {
                    if (s.split(t) == Split.TRAIN) {
                        s.copyTrial("spikes", t, spikes, 0, n);
                        s.copyTrial("choice", t, choice, 0, 1);
                        double[] f = features(spikes, n);
                        int c = (int) choice[0];
                        count[c]++;
                        for (int j = 0; j < n; j++) {
                            sum[c][j] += f[j];
                        }
                    }
                }
                int right = 0;
                int total = 0;
                for (int t = 0; t < s.trialCount(); t++) {
                    if (s.split(t) == Split.TEST) {
                        s.copyTrial("spikes", t, spikes, 0, n);
                        s.copyTrial("choice", t, choice, 0, 1);
                        double[] f = features(spikes, n);
                        double d0 = 0;
                        double d1 = 0;
                        for (int j = 0; j < n; j++) {
                            d0 += Math.pow(f[j] - sum[0][j] / count[0], 2);
                            d1 += Math.pow(f[j] - sum[1][j] / count[1], 2);
                        }
                        right += (d1 < d0 ? 1 : 0) == (int) choice[0] ? 1 : 0;
                        total++;
                    }
                }
                double accuracy = right / (double) total;
                assertTrue(accuracy > 0.6, info.id() + ": choice decoded with accuracy " + accuracy);
            }
        }
    }

    private static double[] features(float[] spikes, int n) {
        double[] f = new double[n];
        for (int b = 25; b < 75; b++) {
            for (int j = 0; j < n; j++) {
                f[j] += spikes[b * n + j];
            }
        }
        return f;
    }

    @Test
    void numpyLoadsThePreparedArraysWithTheDocumentedShapesAndTypes() throws IOException, InterruptedException {
        assumeTrue(pythonWithNumpy(), "python3 with numpy is not installed");
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "d = sys.argv[1]",
                "m = json.load(open(d + '/manifest.json'))",
                "for e in m['sessions']:",
                "    s = d + '/' + e['id'] + '/'",
                "    T, N = e['trials'], e['neurons']",
                "    a = {k: np.load(s + k + '.npy', mmap_mode='r') for k in",
                "         ['spikes', 'wheel', 'whisker', 'choice', 'block', 'trial_index', 'units', 'split']}",
                "    want = {'spikes': ('uint8', (T, 100, N)), 'wheel': ('float32', (T, 100)), 'whisker': ('float32', (T, 100)),",
                "            'choice': ('int8', (T,)), 'block': ('int8', (T,)), 'trial_index': ('int64', (T,)),",
                "            'units': ('int64', (N,)), 'split': ('int8', (T,))}",
                "    for k, (dt, sh) in want.items():",
                "        assert a[k].dtype == np.dtype(dt) and a[k].shape == sh, (e['id'], k, a[k].dtype, a[k].shape)",
                "    assert set(np.unique(a['split'])) <= {0, 1, 2} and set(np.unique(a['choice'])) <= {0, 1}",
                "    assert abs(a['wheel'].mean()) < 1e-3 and abs(a['wheel'].std() - 1) < 1e-3",
                "    assert (a['spikes'] > 0).mean() > 0.05",
                "print('ok', len(m['sessions']))");
        Process p = new ProcessBuilder("python3", "-c", script, root.resolve("data").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok 3", out.strip());
    }

    private static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
