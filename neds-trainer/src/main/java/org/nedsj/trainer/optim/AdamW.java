package org.nedsj.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): p ← p − lr·(m̂/(√v̂+ε) + λ·p), the
 * decay applied only to parameters marked as decayed (not biases or norm gains). Updates every
 * array in place and allocates nothing per step beyond the first.
 *
 * <p>A parameter can be frozen whole or row by row (fine-tuning trains only new sessions' rows).
 */
public final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, INDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> updateMask = new LinkedHashMap<>();
    private long steps;

    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Restricts updates of {@code name} to the entries where {@code mask} is 1 (same shape as the parameter). */
    public void restrict(String name, INDArray mask) {
        updateMask.put(name, mask);
    }

    /** Updates done so far (Adam's bias correction uses it). */
    public long steps() {
        return steps;
    }

    /**
     * One update of every parameter that has a gradient. The gradients are used as scratch space and
     * hold garbage afterwards.
     *
     * @param parameters live parameter arrays by name
     * @param gradients  gradients by name (already clipped)
     * @param decayed    names of the parameters that get weight decay
     */
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, Set<String> decayed, double lr) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (var e : parameters.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            if (g == null) {
                continue;
            }
            update(e.getKey(), e.getValue(), g, decayed.contains(e.getKey()), lr, correction1, correction2);
        }
    }

    private void update(String name, INDArray p, INDArray g, boolean decay, double lr, double c1, double c2) {
        INDArray mask = updateMask.get(name);
        if (mask != null) {
            g.muli(mask);
        }
        INDArray m = firstMoment.computeIfAbsent(name, k -> Nd4j.zeros(p.dataType(), p.shape()));
        INDArray v = secondMoment.computeIfAbsent(name, k -> Nd4j.zeros(p.dataType(), p.shape()));
        m.muli(beta1);
        Nd4j.getBlasWrapper().level1().axpy(g.length(), 1 - beta1, g, m);
        g.muli(g);
        v.muli(beta2);
        Nd4j.getBlasWrapper().level1().axpy(g.length(), 1 - beta2, g, v);
        // g ← m̂ / (√v̂ + ε), computed in g's storage
        g.assign(v).divi(c2);
        Transforms.sqrt(g, false).addi(epsilon).rdivi(m).divi(c1);
        if (decay && weightDecay > 0) {
            Nd4j.getBlasWrapper().level1().axpy(p.length(), weightDecay, p, g);
        }
        if (mask != null) {
            g.muli(mask);
        }
        Nd4j.getBlasWrapper().level1().axpy(p.length(), -lr, g, p);
    }

    /** The moments, for checkpoints: {@code m/<name>} and {@code v/<name>}. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        firstMoment.forEach((k, v) -> state.put("m/" + k, v));
        secondMoment.forEach((k, v) -> state.put("v/" + k, v));
        return state;
    }

    /** Restores moments saved by {@link #state()} and the step count. */
    public void restore(Map<String, INDArray> state, long steps) {
        firstMoment.clear();
        secondMoment.clear();
        state.forEach((k, v) -> {
            if (k.startsWith("m/")) {
                firstMoment.put(k.substring(2), v.dup());
            } else if (k.startsWith("v/")) {
                secondMoment.put(k.substring(2), v.dup());
            }
        });
        this.steps = steps;
    }
}
