package org.nedsj.trainer.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nedsj.model.ParameterStore;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): p ← p − lr·(m̂/(√v̂+ε) + λ·p), the
 * decay applied only to parameters marked as decayed (not biases or norm gains). Works on a model's
 * {@link ParameterStore}: one pass over the flat parameter and gradient buffers, with the moments
 * in two flat buffers of the same layout; allocates nothing per step beyond the first.
 *
 * <p>Only the stretches of the store passed to {@link #step} are updated; within them, an update
 * mask scales updates entry by entry (fine-tuning trains only new sessions' rows, or the shared weights at a lower rate).
 */
public final class AdamW {

    private static final String FIRST = "m";
    private static final String SECOND = "v";

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private INDArray firstMoment;
    private INDArray secondMoment;
    private INDArray updateMask;
    private long steps;

    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Scales each entry's update by {@code mask} (flat, laid out as the store): 0 freezes it, 1 is the full learning rate. */
    public void restrict(INDArray mask) {
        this.updateMask = mask;
    }

    /** Updates done so far (Adam's bias correction uses it). */
    public long steps() {
        return steps;
    }

    /** One update of every parameter of {@code store} from its gradient buffer (already clipped). */
    public void step(ParameterStore store, double lr) {
        step(store, store.runs(p -> true), lr);
    }

    /**
     * One update of the parameters in {@code runs} from the store's gradient buffer (already
     * clipped). The gradients are used as scratch space and hold garbage afterwards.
     */
    public void step(ParameterStore store, List<ParameterStore.Run> runs, double lr) {
        INDArray p = store.values();
        INDArray g = store.gradients();
        if (firstMoment == null) {
            firstMoment = Nd4j.zeros(p.dataType(), p.length());
            secondMoment = Nd4j.zeros(p.dataType(), p.length());
        }
        if (firstMoment.length() != p.length()) {
            throw new IllegalStateException("optimiser moments for " + firstMoment.length() + " entries, the model has " + p.length());
        }
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (ParameterStore.Run run : runs) {
            double decay = run.decayed() ? weightDecay : 0;
            if (p.dataType() == DataType.FLOAT) {
                updateFloats(run, p, g, decay, lr, c1, c2);
            } else {
                updateArrays(run, p, g, decay, lr, c1, c2);
            }
        }
    }

    /** The update over float buffers in one pass: about thirty times faster than an op per term. */
    private void updateFloats(ParameterStore.Run run, INDArray p, INDArray g, double decay, double lr, double c1, double c2) {
        FloatBuffer pb = p.data().asNioFloat();
        FloatBuffer gb = g.data().asNioFloat();
        FloatBuffer mb = firstMoment.data().asNioFloat();
        FloatBuffer vb = secondMoment.data().asNioFloat();
        FloatBuffer kb = updateMask == null ? null : updateMask.data().asNioFloat();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        int end = (int) (run.offset() + run.length());
        for (int i = (int) run.offset(); i < end; i++) {
            float grad = gb.get(i);
            if (kb != null) {
                grad *= kb.get(i);
            }
            float mi = b1 * mb.get(i) + (1 - b1) * grad;
            float vi = b2 * vb.get(i) + (1 - b2) * grad * grad;
            mb.put(i, mi);
            vb.put(i, vi);
            double step = (mi / c1) / (Math.sqrt(vi / c2) + epsilon) + decay * pb.get(i);
            if (kb != null) {
                step *= kb.get(i);
            }
            pb.put(i, (float) (pb.get(i) - lr * step));
        }
    }

    /** The same update as array operations on the run's views (double precision). */
    private void updateArrays(ParameterStore.Run run, INDArray params, INDArray grads, double decay, double lr,
                              double c1, double c2) {
        var within = NDArrayIndex.interval(run.offset(), run.offset() + run.length());
        INDArray p = params.get(within);
        INDArray g = grads.get(within);
        INDArray m = firstMoment.get(within);
        INDArray v = secondMoment.get(within);
        INDArray mask = updateMask == null ? null : updateMask.get(within);
        if (mask != null) {
            g.muli(mask);
        }
        m.muli(beta1).addi(g.mul(1 - beta1));
        g.muli(g);
        v.muli(beta2).addi(g.mul(1 - beta2));
        // g ← m̂ / (√v̂ + ε), computed in g's storage
        g.assign(v).divi(c2);
        Transforms.sqrt(g, false).addi(epsilon).rdivi(m).divi(c1);
        if (decay > 0) {
            g.addi(p.mul(decay));
        }
        if (mask != null) {
            g.muli(mask);
        }
        p.subi(g.muli(lr));
    }

    /** The moments, for checkpoints: {@code m} and {@code v}, flat and laid out as the store (empty before the first step). */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (firstMoment != null) {
            state.put(FIRST, firstMoment);
            state.put(SECOND, secondMoment);
        }
        return state;
    }

    /** Restores moments saved by {@link #state()} and the step count. */
    public void restore(Map<String, INDArray> state, long steps) {
        INDArray m = state.get(FIRST);
        INDArray v = state.get(SECOND);
        this.firstMoment = m == null ? null : m.dup();
        this.secondMoment = v == null ? null : v.dup();
        this.steps = steps;
    }
}
