package org.nedsj.data.synth;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdealObserverTest {

    static final SyntheticIbl.Options SMALL = new SyntheticIbl.Options(3, 150, 23, 60, 80);

    @TempDir
    static Path root;
    static List<SyntheticTruth> truth;

    @BeforeAll
    static void writeAndPrepare() {
        SyntheticIbl.write(root.resolve("alf"), SMALL);
        new DatasetPreparer(ConfigFactory.empty()).prepare(root.resolve("alf"), root.resolve("data"), s -> { });
        truth = SyntheticIbl.truth(SMALL);
    }

    /** The truth is of the sessions written: each prepared trial's choice and block are its trial's in the truth. */
    @Test
    void theTruthDescribesTheTrialsTheWriterWrote() {
        List<SessionSpec> plan = SyntheticIbl.plan(SMALL);
        assertEquals(plan.stream().map(SessionSpec::id).toList(), truth.stream().map(SyntheticTruth::sessionId).toList());
        for (int s = 0; s < plan.size(); s++) {
            SyntheticTruth t = truth.get(s);
            assertEquals(plan.get(s).trials(), t.trials());
            Path session = root.resolve("data").resolve(t.sessionId());
            long[] index = NpyReader.read(session.resolve("trial_index.npy")).toLongArray();
            long[] choice = NpyReader.read(session.resolve("choice.npy")).toLongArray();
            long[] block = NpyReader.read(session.resolve("block.npy")).toLongArray();
            assertTrue(index.length > 100, t.sessionId() + " kept " + index.length);
            for (int k = 0; k < index.length; k++) {
                int i = (int) index[k];
                assertEquals(choice[k] == 1 ? 1.0 : -1.0, t.choice()[i], t.sessionId() + " trial " + i);
                assertEquals(new double[] {0.2, 0.5, 0.8}[(int) block[k]], t.probabilityLeft()[i], 1e-9, t.sessionId() + " trial " + i);
            }
        }
    }

    /** p̂ starts at 0.5 and after each trial moves toward its stimulus side (1 left, 0 right) at the dataset's one rate. */
    @Test
    void thePriorFollowsTheStimulusSidesAtTheDatasetsRate() {
        double rate = LatentDynamics.draw(SMALL.seed()).priorRate();
        for (SessionSpec spec : SyntheticIbl.plan(SMALL)) {
            SyntheticTruth t = SyntheticTruth.of(spec);
            double[] left = SimulatedSession.of(spec).trials().contrastLeft();
            assertEquals(0.5, t.prior()[0]);
            for (int i = 0; i + 1 < t.trials(); i++) {
                double side = Double.isNaN(left[i]) ? 0 : 1;
                assertEquals(t.prior()[i] + rate * (side - t.prior()[i]), t.prior()[i + 1], 1e-12);
            }
        }
    }

    /**
     * The ramp is choice · a with a ~ N(1, 0.8²): it points against the choice where a < 0, P = Φ(−1.25) ≈ 0.106,
     * and is 0 on the trials without a movement.
     */
    @Test
    void theRampPointsAgainstTheChoiceOnAboutOneTrialInTen() {
        int moved = 0;
        int against = 0;
        double sum = 0;
        for (SessionSpec spec : SyntheticIbl.plan(SMALL)) {
            SyntheticTruth t = SyntheticTruth.of(spec);
            double[] move = SimulatedSession.of(spec).trials().movementStart();
            for (int i = 0; i < t.trials(); i++) {
                if (Double.isNaN(move[i])) {
                    assertEquals(0, t.choiceRamp()[i]);
                    continue;
                }
                moved++;
                against += Math.signum(t.choiceRamp()[i]) != t.choice()[i] ? 1 : 0;
                sum += t.choiceRamp()[i] * t.choice()[i];
            }
        }
        assertTrue(moved > 400, "trials with a movement: " + moved);
        double share = (double) against / moved;
        assertTrue(share > 0.06 && share < 0.16, "ramp against the choice on " + share);
        assertEquals(1.0, sum / moved, 0.12);
    }

    /**
     * The ramp is what drove the neurons' choice factor: just before feedback, where the ramp holds at its full
     * height, the factor is choice · a plus what is left of the last trial's decay, so across trials the two agree
     * closely (correlation above 0.95; with the next trial's a in its place, 0.57).
     */
    @Test
    void theRampIsTheHeightOfTheChoiceFactorTheNeuronsRead() {
        List<double[]> pairs = new java.util.ArrayList<>();
        for (SessionSpec spec : SyntheticIbl.plan(SMALL)) {
            SyntheticTruth t = SyntheticTruth.of(spec);
            SimulatedSession session = SimulatedSession.of(spec);
            SyntheticTrials trials = session.trials();
            for (int i = 0; i < t.trials(); i++) {
                double feedback = trials.feedback()[i];
                if (t.choiceRamp()[i] == 0 || feedback - trials.movementStart()[i] < 0.05) {
                    continue;
                }
                int cell = (int) Math.ceil((feedback - 0.015) / LatentDynamics.CELL - 0.5);
                pairs.add(new double[] {t.choiceRamp()[i], session.latents().value(cell, LatentDynamics.CHOICE)});
            }
        }
        assertTrue(pairs.size() > 300, "trials " + pairs.size());
        assertTrue(correlation(pairs) > 0.95, "correlation " + correlation(pairs));
    }

    private static double correlation(List<double[]> pairs) {
        double n = pairs.size();
        double mx = pairs.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = pairs.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * Two hand-made sessions. "a": its prepared rows hold trials 3, 0, 5, 1, 4, 2 (training), 9 (validation) and 7, 6, 8
     * (test); trial 10 was not kept. The training trials' p̂ separate the blocks (0.10–0.15: 0.2, 0.50–0.55: 0.5,
     * 0.90–0.95: 0.8), and b's agree; every stimulus is on the side chosen at contrast 1 (so the side weighs 0.8 against
     * 0.2 four to one and the choice almost nothing) but trial 7's, at contrast 0. Of a's test trials, 7 is misread
     * twice: a clockwise choice whose ramp points the other way (−0.3), and a 0.8 block at p̂ 0.2, where P(0.2 | p̂)
     * is 0.645 (kernel weights 0.135, 0.607 and b's 0.135) against 0.178 for each other block, and the ramp's sign
     * with a reward (likelihoods 0.483, 0.250, 0.110, q = 10/11) confirms 0.2. Trial 6 (p̂ 0.12, a left stimulus): 0.2
     * at 0.819 · 0.2 against 0.8 at 0.091 · 0.8. "b": its one test trial read right on both.
     */
    @Test
    void readsEachSessionsTestTrialsInPreparedOrder() throws IOException {
        Path data = Files.createDirectories(root.resolve("hand"));
        //                                               trial: 0    1    2     3     4    5     6     7    8     9    10
        double[] choiceA = {1, 1, -1, -1, 1, 1, 1, 1, -1, 1, 1};
        SyntheticTruth a = new SyntheticTruth("a", choiceA,
                new double[] {0.2, 0.2, 0.5, 0.5, 0.8, 0.8, 0.2, 0.8, 0.8, 0.5, 0.5},
                new double[] {1, 1, -1, -1, 1, 1, 0.7, -0.3, -0.5, 2, 1},
                new double[] {0.1, 0.15, 0.5, 0.55, 0.9, 0.95, 0.12, 0.2, 0.93, 0.52, 0.5},
                choiceA, new double[] {1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1});
        prepared(data.resolve("a"), new long[] {3, 0, 5, 1, 4, 2, 9, 7, 6, 8}, new byte[] {0, 0, 0, 0, 0, 0, 1, 2, 2, 2});
        double[] choiceB = {1, -1, 1, -1};
        SyntheticTruth b = new SyntheticTruth("b", choiceB, new double[] {0.2, 0.5, 0.8, 0.2},
                new double[] {1, -1, 1, -1}, new double[] {0.1, 0.5, 0.9, 0.12}, choiceB, new double[] {1, 1, 1, 1});
        prepared(data.resolve("b"), new long[] {0, 1, 2, 3}, new byte[] {0, 0, 0, 2});

        List<IdealObserver.Readings> both = IdealObserver.read(List.of(a, b), data, List.of("a", "b"));
        assertEquals(List.of("a", "b"), both.stream().map(IdealObserver.Readings::session).toList());
        IdealObserver.Readings ra = both.get(0);
        assertArrayEquals(new int[] {1, 1, 0}, ra.choice());
        assertArrayEquals(new int[] {0, 1, 0}, ra.choiceRead());
        assertArrayEquals(new int[] {2, 0, 2}, ra.block());
        assertArrayEquals(new int[] {0, 0, 2}, ra.blockRead());
        IdealObserver.Readings rb = both.get(1);
        assertArrayEquals(new int[] {0}, rb.choice());
        assertArrayEquals(new int[] {0}, rb.choiceRead());
        assertArrayEquals(new int[] {0}, rb.block());
        assertArrayEquals(new int[] {0}, rb.blockRead());
    }

    private static void prepared(Path session, long[] trialIndex, byte[] split) throws IOException {
        Files.createDirectories(session);
        NpyWriter.writeLongs(session.resolve("trial_index.npy"), trialIndex);
        NpyWriter.writeBytes(session.resolve("split.npy"), NpyDtype.I1, split);
    }

    @Test
    void aSessionNotOfTheTruthOrNotPreparedIsNamed() throws IOException {
        Path data = Files.createDirectories(root.resolve("bad"));
        SyntheticTruth c = new SyntheticTruth("c", new double[] {1, -1}, new double[] {0.5, 0.5}, new double[] {1, -1},
                new double[] {0.5, 0.5}, new double[] {1, -1}, new double[] {1, 1});
        var unknown = assertThrows(IllegalArgumentException.class, () -> IdealObserver.read(List.of(c), data, List.of("d")));
        assertTrue(unknown.getMessage().contains("session d is not one of the synthetic sessions"), unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> IdealObserver.read(List.of(c), data, List.of("c")));
        assertTrue(missing.getMessage().contains("lacks trial_index.npy or split.npy"), missing.getMessage());
        prepared(data.resolve("c"), new long[] {0, 5}, new byte[] {0, 2});
        var beyond = assertThrows(IllegalArgumentException.class, () -> IdealObserver.read(List.of(c), data, List.of("c")));
        assertTrue(beyond.getMessage().contains("names trial 5 of a session of 2 synthetic trials"), beyond.getMessage());
    }
}
