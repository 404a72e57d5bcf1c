package org.nedsj.trainer.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The batches of one epoch, shuffled with the run's seed and the epoch number, so an epoch's order
 * is the same however often the run is resumed.
 *
 * <ul>
 *   <li>{@code per-session}: every batch holds trials of one session (the NEDS way; no padding);</li>
 *   <li>{@code mixed}: trials of all sessions shuffled together;</li>
 *   <li>{@code by-width}: mixed, but sessions of similar neuron counts batched together, so little padding.</li>
 * </ul>
 */
public final class BatchOrder {

    public enum Mode { PER_SESSION, MIXED, BY_WIDTH }

    private BatchOrder() {
    }

    public static Mode mode(String name) {
        return switch (name) {
            case "per-session" -> Mode.PER_SESSION;
            case "mixed" -> Mode.MIXED;
            case "by-width" -> Mode.BY_WIDTH;
            default -> throw new IllegalArgumentException("train.batching = '" + name
                    + "': use per-session, mixed or by-width");
        };
    }

    /**
     * @param trials the trials of each session (by session id), already in a fixed order
     * @param widths the neuron count of each session (for by-width)
     */
    public static List<List<TrialRef>> epoch(Map<String, List<TrialRef>> trials, Map<String, Integer> widths,
                                             Mode mode, int batchSize, long seed, long epoch) {
        Random rng = new Random(seed * 1_000_003L + epoch);
        List<List<TrialRef>> batches = new ArrayList<>();
        switch (mode) {
            case PER_SESSION -> {
                for (List<TrialRef> session : trials.values()) {
                    batches.addAll(chunks(shuffled(session, rng), batchSize));
                }
            }
            case MIXED -> {
                List<TrialRef> all = new ArrayList<>();
                trials.values().forEach(all::addAll);
                batches.addAll(chunks(shuffled(all, rng), batchSize));
            }
            case BY_WIDTH -> {
                List<TrialRef> all = new ArrayList<>();
                trials.values().forEach(s -> all.addAll(shuffled(s, rng)));
                all.sort(Comparator.comparingInt(t -> widths.get(t.sessionId())));
                batches.addAll(chunks(all, batchSize));
            }
        }
        Collections.shuffle(batches, rng);
        return batches;
    }

    private static List<TrialRef> shuffled(List<TrialRef> trials, Random rng) {
        List<TrialRef> copy = new ArrayList<>(trials);
        Collections.shuffle(copy, rng);
        return copy;
    }

    private static List<List<TrialRef>> chunks(List<TrialRef> trials, int size) {
        List<List<TrialRef>> out = new ArrayList<>();
        for (int i = 0; i < trials.size(); i += size) {
            out.add(List.copyOf(trials.subList(i, Math.min(trials.size(), i + size))));
        }
        return out;
    }
}
