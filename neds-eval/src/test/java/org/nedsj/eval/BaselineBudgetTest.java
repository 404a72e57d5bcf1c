package org.nedsj.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.Split;

/**
 * The baselines' time budget: 3 sessions × 250 trials × 800 neurons × 100 bins must be fitted and
 * scored well under 30 s on 2 cores (run with {@code -Dgroups=slow}).
 */
@Tag("slow")
class BaselineBudgetTest {

    @Test
    void fullSizeBaselinesFitWithinBudgetOnTwoThreads() {
        SyntheticSessions data = SyntheticSessions.create(3, 250, 800 - 14, 100, 42);
        EvaluationSettings defaults = EvaluationSettings.defaults();
        BaselineSettings b = defaults.baselines();
        var settings = new EvaluationSettings(3, new BaselineSettings(true, 2, b.pcaComponents(), b.pcaMaxBins(),
                b.lagsBefore(), b.lagsAfter(), b.ridgePenalties(), b.ridgeDefaultPenalty(), b.logisticPenalties(),
                b.logisticDefaultPenalty(), b.logisticMaxIterations(), b.logisticRankOne(), b.logisticFolds(), b.glmTimeBasis(), b.glmPenalty(), b.glmMaxIterations()));
        var predictor = new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES);
        var modelOnly = new Evaluator(settings.withBaselines(false));
        long t0 = System.nanoTime();
        modelOnly.evaluate(data, data.ids(), predictor, List.of(), Split.TEST);
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        EvaluationReport r = new Evaluator(settings).evaluate(data, data.ids(), predictor, List.of(), Split.TEST);
        long t2 = System.nanoTime();
        long cpu2 = processCpuNanos();
        double baselineSeconds = ((t2 - t1) - (t1 - t0)) / 1e9;
        System.out.printf("model scoring %.2f s, model + baselines %.2f s (%.2f CPU-s), baselines alone ≈ %.2f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (cpu2 - cpu1) / 1e9, baselineSeconds);
        System.out.println(r.baselines().mean());
        assertTrue(baselineSeconds < 30, "baselines took " + baselineSeconds + " s");
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
