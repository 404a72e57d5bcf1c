package org.nedsj.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalitySpec;

/**
 * {@code mixed}: one model, many tasks. Each trial (the NEDS default) or each whole batch is planned
 * by one member scheme drawn at random with the configured weights; {@link MaskPlan#scheme(int)}
 * names the member that planned each trial. Per trial, a built-in member plans just the trials that
 * drew it, straight into the mixed plan (each trial's row is the row the member's own plan of the
 * batch would have); any other member (a lab's scheme) plans the whole batch once and the rows that
 * drew it are copied with {@link MaskPlan.Builder#copyTrial}.
 *
 * <p>Members with weight 0 are never drawn. The first time a batch of a given set of modalities is
 * seen, every member plans it once, so a member that cannot handle those modalities (e.g.
 * {@code decoding} without behaviour) fails on that first batch with a message naming it, rather
 * than on whichever later batch happens to draw it.
 */
public final class MixedMasking implements MaskingScheme {

    public static final String NAME = "mixed";

    /** What one draw covers. */
    public enum Draw { TRIAL, BATCH }

    private final List<MaskingScheme> members;
    private final double[] cumulative;
    private final Draw draw;
    private final Set<List<ModalitySpec>> checkedModalities = ConcurrentHashMap.newKeySet();

    /**
     * @param members the member schemes
     * @param weights one non-negative weight per member, not all zero (relative; need not sum to 1)
     * @param draw    per trial or per batch
     */
    public MixedMasking(List<MaskingScheme> members, double[] weights, Draw draw) {
        if (members.size() != weights.length) {
            throw new IllegalArgumentException("mixed masking has " + members.size() + " schemes but "
                    + weights.length + " weights");
        }
        double total = 0;
        var kept = new ArrayList<MaskingScheme>();
        var keptWeights = new ArrayList<Double>();
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("mixed masking weight of " + members.get(i).name()
                        + " is " + weights[i] + "; weights must be finite and ≥ 0");
            }
            if (weights[i] > 0) {
                kept.add(members.get(i));
                keptWeights.add(weights[i]);
                total += weights[i];
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("mixed masking needs at least one scheme with a weight above 0");
        }
        this.members = List.copyOf(kept);
        this.cumulative = new double[kept.size()];
        double sum = 0;
        for (int i = 0; i < kept.size(); i++) {
            sum += keptWeights.get(i);
            cumulative[i] = sum / total;
        }
        cumulative[kept.size() - 1] = 1.0;
        this.draw = draw;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The members that can be drawn (weight above 0), in configured order. */
    public List<MaskingScheme> members() {
        return members;
    }

    /** The probability of drawing member {@code i} of {@link #members()}. */
    public double probability(int i) {
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    public Draw draw() {
        return draw;
    }

    @Override
    public MaskPlan plan(Batch batch, long seed) {
        checkMembersOnce(batch, seed);
        SplittableRandom rng = PlanRandom.of(seed, batch.index(), NAME);
        if (draw == Draw.BATCH) {
            return planBy(drawMember(rng), batch, seed);
        }
        var planners = new TrialwiseMasking.TrialPlanner[members.size()];
        var plans = new MaskPlan[members.size()];
        MaskPlan.Builder plan = MaskPlan.builder(batch.size(), batch.modalities(), NAME);
        for (int trial = 0; trial < batch.size(); trial++) {
            int m = drawMember(rng);
            MaskingScheme member = members.get(m);
            if (member instanceof TrialwiseMasking trialwise) {
                if (planners[m] == null) {
                    planners[m] = trialwise.planner(batch);
                }
                planners[m].plan(PlanRandom.of(seed, batch.index(), trial, member.name()), trial, plan);
                plan.scheme(trial, member.name());
            } else {
                if (plans[m] == null) {
                    plans[m] = planBy(m, batch, seed);
                }
                plan.copyTrial(plans[m], trial, trial);
            }
        }
        return plan.build();
    }

    private int drawMember(SplittableRandom rng) {
        double u = rng.nextDouble();
        int i = 0;
        while (cumulative[i] <= u) {
            i++;
        }
        return i;
    }

    private MaskPlan planBy(int member, Batch batch, long seed) {
        MaskingScheme scheme = members.get(member);
        MaskPlan plan = scheme.plan(batch, seed);
        var names = batch.modalities().stream().map(ModalitySpec::name).toList();
        if (plan.size() != batch.size() || !plan.modalities().containsAll(names) || plan.modalities().size() != names.size()) {
            throw new IllegalStateException("masking scheme '" + scheme.name() + "' (a member of masking.mixed.schemes) "
                    + "returned a plan for " + plan.size() + " trials of " + plan.modalities() + " for batch "
                    + batch.index() + " of " + batch.size() + " trials of " + names
                    + "; a scheme must plan every trial and modality of the batch it is given");
        }
        return plan;
    }

    private void checkMembersOnce(Batch batch, long seed) {
        if (checkedModalities.contains(batch.modalities())) {
            return;
        }
        for (int i = 0; i < members.size(); i++) {
            try {
                if (members.get(i) instanceof TrialwiseMasking trialwise) {
                    trialwise.planner(batch);
                } else {
                    planBy(i, batch, seed);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("masking.mixed.schemes includes '" + members.get(i).name()
                        + "', which cannot plan these modalities. Remove it from masking.mixed.schemes or give it weight 0 in "
                        + "masking.mixed.weights. " + e.getMessage(), e);
            }
        }
        checkedModalities.add(batch.modalities());
    }

    @Override
    public String toString() {
        var parts = new ArrayList<String>();
        for (int i = 0; i < members.size(); i++) {
            parts.add(members.get(i).name() + " " + String.format("%.3f", probability(i)));
        }
        return NAME + "[per " + draw.name().toLowerCase(java.util.Locale.ROOT) + ": " + String.join(", ", parts) + "]";
    }
}
