package org.nedsj.dist;

import org.junit.jupiter.api.Test;
import org.nedsj.trainer.bench.EpochEstimate;
import org.nedsj.trainer.bench.ScaleModel;
import org.nedsj.trainer.bench.TrainStepBenchmark;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchScaleCommandTest {

    @Test
    void printsEachPresetsCostsAndEpochTimesOnOneFourAndEightGpus() {
        CommandRun run = CommandRun.of("bench", "scale", "--efficiency", "0.25");
        assertEquals(0, run.status(), run.err());
        String out = run.out();
        assertTrue(out.contains("20720 trials per epoch") && out.contains("efficiency 0.250 of peak (given with --efficiency)"), out);
        for (String preset : List.of("neds-5", "neds-16", "neds-22")) {
            assertTrue(out.matches("(?s).*\\n" + preset + " +\\d+ +302 +\\d+\\.\\d{3} .*"), preset + " costs missing:\n" + out);
            for (int gpus : new int[]{1, 4, 8}) {
                assertTrue(out.matches("(?s).*\\n" + preset + " +" + gpus + " +\\d+\\.\\d +\\d+\\.\\d +\\d+\\.\\d\\d +\\d+\\.\\d +\\S+ +\\S+\\n.*"),
                        preset + " on " + gpus + " GPUs missing:\n" + out);
            }
        }
    }

    @Test
    void anAssumptionOutOfRangeIsOneMessageNamingTheOption() {
        CommandRun fraction = CommandRun.of("bench", "scale", "--efficiency", "0.25", "--train-fraction", "1.5");
        assertTrue(fraction.status() != 0 && fraction.err().contains("--train-fraction 1.5: give a share between 0 (exclusive) and 1"),
                fraction.err());
        CommandRun efficiency = CommandRun.of("bench", "scale", "--efficiency", "0");
        assertTrue(efficiency.status() != 0 && efficiency.err().contains("--efficiency 0.0: give a share"), efficiency.err());
        CommandRun widest = CommandRun.of("bench", "scale", "--efficiency", "0.25", "--widest", "0");
        assertTrue(widest.status() != 0 && widest.err().contains("--widest 0: give a positive number"), widest.err());
    }

    @Test
    void measuresTheEfficiencyOnThisMachineWhenNoneIsGiven() {
        CommandRun run = CommandRun.of("bench", "scale", "--neurons", "12", "--batch", "4", "--steps", "1");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("(?s).*efficiency 0\\.\\d{3} of peak \\(measured here: training step \\d+\\.\\d GFLOP/s "
                + "/ sgemm peak \\d+\\.\\d GFLOP/s.*"), run.out());
    }

    @Test
    void theEpochTimeFollowsTheCountsAndAccumulationDividesTheExchange() {
        ScaleModel model = new ScaleModel(256, 22, 8, 512, TrainStepBenchmark.modalities(100), 74, 800);
        EpochEstimate e = new EpochEstimate(20720, 450, 64, BenchScaleCommand.H100_TF32, 0.5);
        double compute = 20720 * model.trainingFlops(450) / (4 * BenchScaleCommand.H100_TF32 * 0.5);
        assertEquals(compute, e.computeSeconds(model, 4), compute * 1e-12);
        double exchange = 20720 / 64.0 * model.ringAllReduceBytes(8) / BenchScaleCommand.ETHERNET_BYTES_PER_S;
        assertEquals(exchange, e.exchangeSeconds(model, 8, BenchScaleCommand.ETHERNET_BYTES_PER_S, 1), exchange * 1e-12);
        assertEquals(exchange / 4, e.exchangeSeconds(model, 8, BenchScaleCommand.ETHERNET_BYTES_PER_S, 4), exchange * 1e-12);
        int k = e.accumulationToHide(model, 8, BenchScaleCommand.ETHERNET_BYTES_PER_S);
        assertTrue(e.exchangeSeconds(model, 8, BenchScaleCommand.ETHERNET_BYTES_PER_S, k) <= e.computeSeconds(model, 8));
        assertTrue(k == 1 || e.exchangeSeconds(model, 8, BenchScaleCommand.ETHERNET_BYTES_PER_S, k / 2) > e.computeSeconds(model, 8));
    }
}
