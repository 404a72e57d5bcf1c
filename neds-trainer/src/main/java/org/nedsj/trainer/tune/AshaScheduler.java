package org.nedsj.trainer.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous successive halving (Li et al. 2018), in its stopping form: rungs at
 * {@code grace × reduction^k} epochs below the budget, and the budget itself last. A trial reaching a rung
 * goes on when fewer than 1/reduction of the results recorded at that rung so far (its own included) are
 * better than its own, and stops otherwise. Decisions never wait for other trials: the first trial at a rung
 * always goes on, later ones face the results that came before them.
 */
public final class AshaScheduler {

    private final List<Integer> rungs;
    private final int reduction;
    private final List<List<Double>> recorded = new ArrayList<>();

    public AshaScheduler(int graceEpochs, int reduction, int maxEpochs) {
        this.rungs = rungs(graceEpochs, reduction, maxEpochs);
        this.reduction = reduction;
        rungs.forEach(r -> recorded.add(new ArrayList<>()));
    }

    /** The epochs at which trials are judged, ending with {@code maxEpochs}. */
    public static List<Integer> rungs(int graceEpochs, int reduction, int maxEpochs) {
        List<Integer> rungs = new ArrayList<>();
        for (long r = graceEpochs; r < maxEpochs; r *= reduction) {
            rungs.add((int) r);
        }
        rungs.add(maxEpochs);
        return List.copyOf(rungs);
    }

    public List<Integer> rungs() {
        return rungs;
    }

    /**
     * Records a trial's metric (lower is better) at rung {@code rung} (an index into {@link #rungs()}); true when
     * the trial goes on to the next rung. A non-finite metric stops the trial and is not recorded.
     */
    public boolean report(int rung, double metric) {
        if (!Double.isFinite(metric)) {
            return false;
        }
        List<Double> results = recorded.get(rung);
        results.add(metric);
        long better = results.stream().filter(m -> m < metric).count();
        return better * reduction < results.size();
    }
}
