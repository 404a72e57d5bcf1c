package org.nedsj.data.align;

import org.nedsj.prep.align.TrialSelection;

import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.PreprocessingConfig.TrialRules;
import org.nedsj.data.alf.TrialsTable;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NEDS trial filter (and the brain-wide map's stricter reaction times): choice ≠ 0, required
 * attributes present, {@code min ≤ firstMovement − stimOn ≤ max}, {@code feedback − goCue ≤ limit},
 * probabilityLeft one of the block levels. As in brainbox's query, a limit whose events are NaN
 * does not drop the trial (only the required-attribute rule drops for NaN).
 */
public final class TrialFilter {

    private static final double LEVEL_TOLERANCE = 1e-6;

    private TrialFilter() {
    }

    public static TrialSelection select(TrialsTable trials, PreprocessingConfig config) {
        TrialRules rules = config.trials();
        Set<String> mustHave = new LinkedHashSet<>(rules.required());
        mustHave.add(config.alignTo());
        mustHave.add("choice");
        mustHave.add("probabilityLeft");
        List<double[]> present = mustHave.stream().map(trials::get).toList();
        double[] choice = trials.get("choice");
        double[] stimOn = trials.get("stimOn_times");
        double[] movement = trials.get("firstMovement_times");
        double[] goCue = trials.get("goCue_times");
        double[] feedback = trials.get("feedback_times");
        double[] probabilityLeft = trials.get("probabilityLeft");

        Map<String, Integer> dropped = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            if (r != DropReason.WHEEL_COVERAGE && r != DropReason.WHISKER_COVERAGE) {
                dropped.put(r.key(), 0);
            }
        }
        int[] kept = new int[trials.size()];
        int n = 0;
        for (int i = 0; i < trials.size(); i++) {
            DropReason reason = reasonToDrop(i, present, choice, stimOn, movement, goCue, feedback, probabilityLeft, rules);
            if (reason == null) {
                kept[n++] = i;
            } else {
                dropped.merge(reason.key(), 1, Integer::sum);
            }
        }
        return new TrialSelection(java.util.Arrays.copyOf(kept, n), dropped);
    }

    private static DropReason reasonToDrop(int i, List<double[]> present, double[] choice, double[] stimOn, double[] movement,
                                           double[] goCue, double[] feedback, double[] probabilityLeft, TrialRules rules) {
        if (choice[i] == 0) {
            return DropReason.NO_GO;
        }
        for (double[] a : present) {
            if (Double.isNaN(a[i])) {
                return DropReason.MISSING_EVENT;
            }
        }
        double reaction = movement[i] - stimOn[i];
        if (reaction < rules.minReactionTime() || reaction > rules.maxReactionTime()) {
            return DropReason.REACTION_TIME;
        }
        if (feedback[i] - goCue[i] > rules.maxFeedbackDelay()) {
            return DropReason.FEEDBACK_DELAY;
        }
        if (blockClass(probabilityLeft[i], rules.blockLevels()) < 0) {
            return DropReason.BLOCK_LEVEL;
        }
        return null;
    }

    /** The block class of a probabilityLeft value, or −1 when it is none of the levels. */
    public static int blockClass(double probabilityLeft, List<Double> levels) {
        for (int k = 0; k < levels.size(); k++) {
            if (Math.abs(probabilityLeft - levels.get(k)) <= LEVEL_TOLERANCE) {
                return k;
            }
        }
        return -1;
    }

    /** The choice class: −1 → 0, +1 → 1. */
    public static int choiceClass(double choice) {
        return choice > 0 ? 1 : 0;
    }
}
