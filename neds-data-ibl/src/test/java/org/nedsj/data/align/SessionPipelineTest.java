package org.nedsj.data.align;

import org.nedsj.prep.align.SessionSummary;
import org.nedsj.prep.align.PreparedSession;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.HandMadeSession;
import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.ReferenceSession;
import org.nedsj.data.alf.AlfSessionReader;
import org.nedsj.data.alf.SessionFileResolver;
import org.nedsj.data.alf.SessionFinder;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole pipeline on the hand-computed {@link ReferenceSession}. */
class SessionPipelineTest {

    @TempDir
    Path root;
    HandMadeSession session;

    @BeforeEach
    void writeSession() {
        session = ReferenceSession.write(root);
    }

    private PreparedSession run(String overrides) {
        PreprocessingConfig config = PreprocessingConfig.from(ConfigFactory.parseString(overrides));
        var ref = SessionFinder.find(root).get(0);
        return new SessionPipeline(config).run(AlfSessionReader.load(SessionFileResolver.resolve(ref, config), config));
    }

    @Test
    void keepsAndDropsTrialsAsComputedByHand() {
        PreparedSession p = run("");
        SessionSummary s = p.summary();
        assertEquals(ReferenceSession.ID, s.id());
        assertEquals(11, s.trialsTotal());
        assertEquals(Map.of("no-go", 1, "missing-event", 1, "reaction-time", 1, "feedback-delay", 1, "block-level", 1,
                "wheel-coverage", 1, "whisker-coverage", 1), s.dropped());
        assertEquals(4, s.trialsKept());
        assertArrayEquals(new long[]{1, 6, 7, 9}, p.trialIndex());
        assertArrayEquals(new byte[]{0, 1, 0, 1}, p.category("choice"), "choice -1 -> 0, +1 -> 1");
        assertArrayEquals(new byte[]{1, 2, 0, 2}, p.category("block"), "probabilityLeft 0.5 -> 1, 0.8 -> 2, 0.2 -> 0");
        assertEquals(2, s.cameraTrimmed(), "two extra camera timestamps");
        assertEquals(java.util.List.of("alf/probe00", "alf/probe01/pykilosort"), s.probes());
    }

    @Test
    void brainWideMapFilterUsesTheStricterReactionTime() {
        SessionSummary s = run("ibl.trials.filter = bwm").summary();
        assertEquals(2, s.dropped(DropReason.REACTION_TIME.key()), "row 4 (10.5 s) and row 5 (0.05 s)");
        assertEquals(0, s.dropped(DropReason.FEEDBACK_DELAY.key()));
        assertEquals(4, s.trialsKept());
    }

    @Test
    void keepsUnitsStrictlyAboveFiveHertzOverTheKeptTrials() {
        PreparedSession p = run("");
        // 4 kept trials x 2 s = 8 s: unit 0 has 41 spikes (5.125 Hz), unit 1 40 (exactly 5 Hz), unit 2 39 (+100 outside
        // the windows), unit 3 none, unit 4 60, unit 5 38 (+20 in a dropped trial's window)
        assertArrayEquals(new long[]{0, 4}, p.units());
        assertEquals(6, p.summary().unitsTotal());
        assertEquals(4, p.summary().unitsBelowRate());
        assertEquals(0, p.summary().unitsNotGood());
    }

    @Test
    void minimumRateIsAConfigKey() {
        assertArrayEquals(new long[]{0, 1, 4}, run("ibl.units.min-rate = 4.9").units());
    }

    @Test
    void goodOnlyKeepsUnitsLabelledOne() {
        session.metrics("probe00", new double[]{1, 1, 2.0 / 3, 0});
        session.metrics("probe01/pykilosort", new double[]{1.0 / 3, 1});
        PreparedSession p = run("ibl.units.select = good");
        assertArrayEquals(new long[]{0}, p.units());
        assertEquals(3, p.summary().unitsNotGood(), "units 2, 3 (probe00) and 4 (probe01 cluster 0)");
        assertEquals(2, p.summary().unitsBelowRate(), "units 1 and 5 are good but not above 5 Hz");
    }

    @Test
    void binsSpikesOnEdgesIntoTheBinThatStartsThere() {
        PreparedSession p = run("");
        int n = p.neurons();
        int[] expected = new int[100];
        expected[0] = 1;   // 20.0, the window start (19.9999 is before it)
        expected[1] = 2;   // 20.02 on the edge of bin 1, 20.0399
        expected[2] = 1;   // 20.04
        expected[25] = 2;  // 20.5 and 20.51
        expected[99] = 2;  // 21.98 on the edge of bin 99, 21.9999 (22.0, the window end, is outside)
        for (int b = 0; b < 100; b++) {
            assertEquals(expected[b], p.spikes()[b * n], "trial row 1, unit 0, bin " + b);
            assertEquals(0, p.spikes()[b * n + 1], "unit 4 has no spike in trial row 1, bin " + b);
        }
        int[] total = new int[n];
        for (int i = 0; i < p.spikes().length; i++) {
            total[i % n] += p.spikes()[i];
        }
        assertArrayEquals(new int[]{41, 60}, total);
    }

    @Test
    void wheelSpeedIsZScoredOverTheKeptTrialsByDefault() {
        PreparedSession p = run("");
        // speed 0.5 rad/s in row 1's window, 2 rad/s in the others' 300 bins: mean 1.625, sd √0.421875
        double sd = Math.sqrt(0.421875);
        for (int b = 0; b < 100; b++) {
            assertEquals((0.5 - 1.625) / sd, p.dynamic("wheel")[b], 1e-5, "trial 0 bin " + b);
            for (int k = 1; k < 4; k++) {
                assertEquals((2 - 1.625) / sd, p.dynamic("wheel")[k * 100 + b], 1e-5, "trial " + k + " bin " + b);
            }
        }
        assertEquals(1.625, p.summary().scaling().get("wheel").get("mean"), 1e-6);
        assertEquals(sd, p.summary().scaling().get("wheel").get("sd"), 1e-6);
    }

    @Test
    void wheelSpeedIsMinMaxScaledOverTheKeptTrials() {
        PreparedSession p = run("ibl.scaling = min-max");
        // speed 0.5 rad/s in row 1's window, 2 rad/s in the others: scaled to 0 and 1
        for (int b = 0; b < 100; b++) {
            assertEquals(0, p.dynamic("wheel")[b], 1e-5, "trial 0 bin " + b);
            for (int k = 1; k < 4; k++) {
                assertEquals(1, p.dynamic("wheel")[k * 100 + b], 1e-5, "trial " + k + " bin " + b);
            }
        }
        assertEquals(0.5, p.summary().scaling().get("wheel").get("min"), 1e-6);
        assertEquals(2.0, p.summary().scaling().get("wheel").get("max"), 1e-6);
    }

    @Test
    void motionEnergyIsTakenAtBinRightEdgesAfterTrimmingTimestamps() {
        PreparedSession p = run("ibl.scaling = min-max");
        double min = 20.0 + 0.02;
        double max = 100.0 + 2.0;
        int[] rows = ReferenceSession.KEPT_ROWS;
        for (int k = 0; k < rows.length; k++) {
            double t0 = 10.0 * rows[k] + 10.0;
            for (int b = 0; b < 100; b++) {
                double edge = t0 + (b + 1) * 0.02;
                assertEquals((edge - min) / (max - min), p.dynamic("whisker")[k * 100 + b], 1e-6, "trial " + k + " bin " + b);
            }
        }
    }

    @Test
    void rawBehaviourWhenScalingIsOff() {
        PreparedSession p = run("ibl.scaling = none");
        assertEquals(20.02, p.dynamic("whisker")[0], 1e-4);
        assertEquals(2.0, p.dynamic("wheel")[100], 1e-5);
    }

    @Test
    void splitsKeptTrialsSeventyTenTwenty() {
        PreparedSession p = run("");
        assertEquals(4, p.split().length);
        // n = 4: test round(0.8) = 1, val round(0.4) = 0, train 3
        assertEquals(3, p.summary().train());
        assertEquals(0, p.summary().val());
        assertEquals(1, p.summary().test());
    }
}
