package org.nedsj.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNormBp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELUDerivative;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.graph.ParameterInit;
import org.nedsj.model.graph.RotaryEmbedding;
import org.nedsj.model.graph.TimeBias;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared transformer with a hand-written backward pass over preallocated arrays: the same
 * function, parameter names and initial values as the SameDiff backbone, without a graph
 * interpreter and without fresh memory per step (ND4J's fresh off-heap memory is slow to touch).
 *
 * <p>Per layer: x + Drop(Attn(Norm(x))), then x + Drop(MLP(Norm(x))); rotary positions on queries
 * and keys; a final norm. Rows are [B·L, H]; activations needed by the backward pass are kept per
 * layer, in buffers reused while the batch size stays the same.
 */
public final class FusedTransformer {

    private final ModelConfig config;
    private final int hidden;
    private final int heads;
    private final int headSize;
    private final int mlp;
    private final int tokens;
    private final DataType type;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final ParameterStore.Builder declared;
    /** This backbone's own dropout generator, seeded by each step's noise seed (no global random state). */
    private final org.nd4j.linalg.api.rng.Random noise;
    private final INDArray cos;
    private final INDArray sin;
    private final INDArray rotateHalf;
    private final boolean floatKernels;
    private final boolean vectorKernels;
    private final float[] cosTable;
    private final float[] sinTable;
    private final float[][] timeBias;
    private Buffers buffers;
    private Buffers largest;
    private final Map<Integer, Buffers> smaller = new java.util.HashMap<>();
    private org.nedsj.model.StepProfile profile = new org.nedsj.model.StepProfile();
    private boolean linearWeightGradients = true;

    /** Charges the time of each kind of operation to {@code profile} (phases named "backbone: …"). */
    public void profileInto(org.nedsj.model.StepProfile target) {
        this.profile = target;
    }

    private void mark(String phase) {
        profile.mark("  backbone: " + phase);
    }

    /** @param timeBins each token's time bin (−1 for none), for the {@link TimeBias} */
    public FusedTransformer(ModelConfig config, int[] positions, int[] timeBins, long seed, ParameterStore.Builder store) {
        this.declared = store;
        this.noise = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.config = config;
        this.hidden = config.hidden();
        this.heads = config.heads();
        this.headSize = config.headSize();
        this.mlp = config.mlp();
        this.tokens = positions.length;
        this.type = config.dataType();
        ParameterInit init = new ParameterInit(seed, type);
        for (int i = 0; i < config.layers(); i++) {
            String p = "layer" + i + "/";
            norm(init, p + "norm1/");
            weight(init, p + "attn/qkv/w", hidden, hidden, 3L * hidden);
            bias(init, p + "attn/qkv/b", 0, 3L * hidden);
            weight(init, p + "attn/out/w", hidden, hidden, hidden);
            bias(init, p + "attn/out/b", 0, hidden);
            norm(init, p + "norm2/");
            weight(init, p + "mlp/fc1/w", hidden, hidden, mlp);
            bias(init, p + "mlp/fc1/b", 0, mlp);
            weight(init, p + "mlp/fc2/w", mlp, mlp, hidden);
            bias(init, p + "mlp/fc2/b", 0, hidden);
        }
        norm(init, "final_norm/");
        double[][] angles = RotaryEmbedding.angles(positions, headSize, config.ropeBase());
        this.cos = Nd4j.create(type, 1, (long) tokens * hidden);
        this.sin = Nd4j.create(type, 1, (long) tokens * hidden);
        for (int l = 0; l < tokens; l++) {
            for (int j = 0; j < hidden; j++) {
                cos.putScalar((long) l * hidden + j, Math.cos(angles[l][j % headSize]));
                sin.putScalar((long) l * hidden + j, Math.sin(angles[l][j % headSize]));
            }
        }
        this.rotateHalf = RotaryEmbedding.rotateHalfMatrix(headSize, type);
        this.timeBias = config.timeBias() ? TimeBias.table(timeBins, heads) : null;
        this.floatKernels = type == DataType.FLOAT;
        this.vectorKernels = floatKernels && VectorKernels.AVAILABLE;
        this.cosTable = new float[tokens * headSize];
        this.sinTable = new float[tokens * headSize];
        for (int l = 0; l < tokens; l++) {
            for (int j = 0; j < headSize; j++) {
                cosTable[l * headSize + j] = (float) Math.cos(angles[l][j]);
                sinTable[l * headSize + j] = (float) Math.sin(angles[l][j]);
            }
        }
    }

    private void norm(ParameterInit init, String p) {
        if (config.norm().equals("scale")) {
            bias(init, p + "scale", Math.sqrt(hidden), 1);
        } else {
            bias(init, p + "gain", 1, hidden);
            bias(init, p + "bias", 0, hidden);
        }
    }

    private void weight(ParameterInit init, String name, long fanIn, long... shape) {
        add(name, init.uniform(name, fanIn, shape), true);
    }

    private void bias(ParameterInit init, String name, double value, long... shape) {
        add(name, init.constant(value, shape), false);
    }

    private void add(String name, INDArray value, boolean decayed) {
        Parameter p = new Parameter(name, decayed, false);
        declared.add(p, value);
        parameters.add(p);
    }

    /**
     * Whether {@link #backward} writes the gradients of the linear layers' weights and biases (the weight gradient is
     * one of a linear layer's three products a step, beside the forward product and the input gradient). Without, it
     * still propagates to its input (what a frozen backbone's fine-tuning needs, to train the new session's
     * stitchers), and leaves those gradients as they were.
     */
    public void linearWeightGradients(boolean compute) {
        this.linearWeightGradients = compute;
    }

    /** Whether any of this backbone's parameters passes {@code test}. */
    public boolean anyParameter(java.util.function.Predicate<String> test) {
        return parameters.stream().anyMatch(p -> test.test(p.name()));
    }

    /** Takes the views of its parameters and their gradients from the laid-out store. */
    public void attach(ParameterStore store) {
        for (Parameter p : parameters) {
            params.put(p.name(), store.value(p.name()));
            grads.put(p.name(), store.gradient(p.name()));
        }
    }

    /** As {@link #forward(INDArray, boolean, long, int)} for a whole batch. */
    public INDArray forward(INDArray input, boolean training, long noiseSeed) {
        return forward(input, training, noiseSeed, 0);
    }

    /**
     * Runs the layers on {@code input} [B, L, H]. While training, each trial's dropout masks are drawn
     * from this backbone's own generator seeded with {@code noiseSeed} and the trial's position in the
     * whole batch ({@code firstTrial} + its row here), so a shard of a batch draws exactly the noise its
     * trials get in the whole batch; the masks are kept for the backward pass.
     *
     * @return [B, L, H], a view of an internal buffer valid until the next call
     */
    public INDArray forward(INDArray input, boolean training, long noiseSeed, int firstTrial) {
        int batch = (int) input.size(0);
        Buffers b = buffers(batch);
        b.training = training;
        b.noiseSeed = noiseSeed;
        b.firstTrial = firstTrial;
        INDArray x0 = b.stream[0];
        x0.assign(input.reshape(x0.shape()));
        if (training && config.embedDropout() > 0) {
            drop(b, b.embedMask, config.embedDropout(), 0);
            x0.muli(b.embedMask);
        }
        for (int i = 0; i < config.layers(); i++) {
            layerForward(b, i);
        }
        normForward("final_norm/", b.stream[config.layers()], b.out);
        return b.out3;
    }

    private void layerForward(Buffers b, int i) {
        String p = "layer" + i + "/";
        profile.start();
        normForward(p + "norm1/", b.stream[i], b.ln1[i]);
        mark("norm fwd");
        linear(b.ln1[i], p + "attn/qkv/", b.qkv);
        mark("linear fwd");
        toHeads(b, b.qkv, 0, b.q[i], true);
        toHeads(b, b.qkv, hidden, b.k[i], true);
        toHeads(b, b.qkv, 2 * hidden, b.v[i], false);
        mark("heads+rope fwd");
        Nd4j.matmul(b.q[i], b.k[i], b.probs[i], false, true, false);
        mark("attention matmul fwd");
        if (vectorKernels) {
            VectorKernels.softmaxRows(b.probs[i].data().asNioFloat(), (int) (b.probs[i].length() / tokens), tokens,
                    (float) (1.0 / Math.sqrt(headSize)), timeBias, heads);
        } else {
            b.probs[i].muli(1.0 / Math.sqrt(headSize));
            if (timeBias != null) {
                addTimeBias(b.probs[i], b.batch);
            }
            Nd4j.exec(new SoftMax(b.probs[i], b.probs[i], 2));
        }
        mark("softmax fwd");
        Nd4j.matmul(b.probs[i], b.v[i], b.headScratch, false, false, false);
        mark("attention matmul fwd");
        fromHeads(b, b.headScratch, b.context[i], 0, false);
        mark("heads+rope fwd");
        linear(b.context[i], p + "attn/out/", b.rows);
        mark("linear fwd");
        if (b.training && config.dropout() > 0) {
            drop(b, b.attnMask[i], config.dropout(), 1 + 2 * i);
            b.rows.muli(b.attnMask[i]);
        }
        Nd4j.exec(new AddOp(b.stream[i], b.rows, b.mid[i]));
        mark("residual+dropout fwd");
        normForward(p + "norm2/", b.mid[i], b.ln2[i]);
        mark("norm fwd");
        linear(b.ln2[i], p + "mlp/fc1/", b.preGelu[i]);
        mark("linear fwd");
        if (vectorKernels) {
            VectorKernels.gelu(b.preGelu[i].data().asNioFloat(), b.gelu[i].data().asNioFloat(), (int) b.gelu[i].length());
        } else {
            Nd4j.exec(new GELU(b.preGelu[i], b.gelu[i]));
        }
        mark("gelu fwd");
        linear(b.gelu[i], p + "mlp/fc2/", b.rows);
        mark("linear fwd");
        if (b.training && config.dropout() > 0) {
            drop(b, b.mlpMask[i], config.dropout(), 2 + 2 * i);
            b.rows.muli(b.mlpMask[i]);
        }
        Nd4j.exec(new AddOp(b.mid[i], b.rows, b.stream[i + 1]));
        mark("residual+dropout fwd");
    }

    /** Copies of each layer's attention probabilities [B, heads, L, L] (query, key) from the last forward pass. */
    public List<INDArray> attention() {
        if (buffers == null) {
            throw new IllegalStateException("no forward pass has run yet");
        }
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            out.add(buffers.probs[i].dup().reshape(buffers.batch, heads, tokens, tokens));
        }
        return out;
    }

    /** Adds each head's {@link TimeBias} to the scores [B·heads, L, L]; a constant, so the backward pass is unchanged. */
    private void addTimeBias(INDArray scores, int batch) {
        if (floatKernels) {
            FloatKernels.addPerHead(scores.data().asNioFloat(), timeBias, batch, heads);
            return;
        }
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                INDArray slice = scores.slice((long) b * heads + h);
                slice.addi(Nd4j.create(timeBias[h], new long[]{tokens, tokens}, 'c').castTo(scores.dataType()));
            }
        }
    }

    /** Back-propagates {@code gradOut} [B, L, H] and returns the gradient of the input (a view of a buffer). */
    public INDArray backward(INDArray gradOut) {
        Buffers b = buffers;
        int batch = (int) gradOut.size(0);
        if (b == null || b.batch != batch) {
            throw new IllegalStateException("backward without a forward pass of the same batch");
        }
        b.dOut.assign(gradOut.reshape(b.dOut.shape()));
        normBackward("final_norm/", b.stream[config.layers()], b.dOut, b.dx);
        for (int i = config.layers() - 1; i >= 0; i--) {
            layerBackward(b, i);
        }
        if (b.training && config.embedDropout() > 0) {
            b.dx.muli(b.embedMask);
        }
        return b.dx3;
    }

    private void layerBackward(Buffers b, int i) {
        String p = "layer" + i + "/";
        profile.start();
        // MLP branch: dx flows to the residual and through fc2, GELU, fc1, norm2
        b.rows.assign(b.dx);
        if (b.training && config.dropout() > 0) {
            b.rows.muli(b.mlpMask[i]);
        }
        mark("residual+dropout bwd");
        linearBackward(b.gelu[i], b.rows, p + "mlp/fc2/", b.dMlp);
        mark("linear bwd");
        if (vectorKernels) {
            VectorKernels.geluBackward(b.preGelu[i].data().asNioFloat(), b.dMlp.data().asNioFloat(), (int) b.dMlp.length());
        } else {
            Nd4j.exec(new GELUDerivative(b.preGelu[i], b.dGelu));
            b.dMlp.muli(b.dGelu);
        }
        mark("gelu bwd");
        linearBackward(b.ln2[i], b.dMlp, p + "mlp/fc1/", b.dNorm);
        mark("linear bwd");
        normBackward(p + "norm2/", b.mid[i], b.dNorm, b.dNormInput);
        mark("norm bwd");
        b.dx.addi(b.dNormInput);
        // attention branch
        b.rows.assign(b.dx);
        if (b.training && config.dropout() > 0) {
            b.rows.muli(b.attnMask[i]);
        }
        mark("residual+dropout bwd");
        linearBackward(b.context[i], b.rows, p + "attn/out/", b.dContext);
        mark("linear bwd");
        toHeads(b, b.dContext, 0, b.headScratch, false);
        mark("heads+rope bwd");
        Nd4j.matmul(b.headScratch, b.v[i], b.dProbs, false, true, false);      // dP = dC · Vᵀ
        Nd4j.matmul(b.probs[i], b.headScratch, b.dv, true, false, false);      // dV = Pᵀ · dC
        mark("attention matmul bwd");
        if (vectorKernels) {
            VectorKernels.softmaxBackwardRows(b.probs[i].data().asNioFloat(), b.dProbs.data().asNioFloat(),
                    (int) (b.dProbs.length() / tokens), tokens, (float) (1.0 / Math.sqrt(headSize)));
        } else {
            softmaxBackward(b.probs[i], b.dProbs, b.probScratch);
            b.dProbs.muli(1.0 / Math.sqrt(headSize));
        }
        mark("softmax bwd");
        Nd4j.matmul(b.dProbs, b.k[i], b.dq, false, false, false);              // dQ = dS · K
        Nd4j.matmul(b.dProbs, b.q[i], b.dk, true, false, false);               // dK = dSᵀ · Q
        mark("attention matmul bwd");
        fromHeads(b, b.dq, b.dqkv, 0, true);
        fromHeads(b, b.dk, b.dqkv, hidden, true);
        fromHeads(b, b.dv, b.dqkv, 2 * hidden, false);
        mark("heads+rope bwd");
        linearBackward(b.ln1[i], b.dqkv, p + "attn/qkv/", b.dNorm);
        mark("linear bwd");
        normBackward(p + "norm1/", b.stream[i], b.dNorm, b.dNormInput);
        mark("norm bwd");
        b.dx.addi(b.dNormInput);
        mark("residual+dropout bwd");
    }

    /** dS = P ⊙ (dP − Σ_row P ⊙ dP), in place in dP, using {@code scratch} (shaped like P). */
    private static void softmaxBackward(INDArray probs, INDArray dProbs, INDArray scratch) {
        Nd4j.exec(new MulOp(dProbs, probs, scratch));
        INDArray rowDot = scratch.sum(2);                                           // [B·heads, L]
        Nd4j.exec(new BroadcastSubOp(dProbs, rowDot, dProbs, 0, 1));
        dProbs.muli(probs);
    }

    /** out = x · W + b, with W and b named {@code prefix + "w"} and {@code prefix + "b"}. */
    private void linear(INDArray x, String prefix, INDArray out) {
        Nd4j.gemm(x, params.get(prefix + "w"), out, false, false, 1.0, 0.0);
        if (floatKernels) {
            FloatKernels.addRowVector(out.data().asNioFloat(), floats(params.get(prefix + "b")),
                    (int) out.size(0), (int) out.size(1));
        } else {
            out.addiRowVector(params.get(prefix + "b"));
        }
    }

    /** Gradients of W and b from the layer's input {@code x} and output gradient {@code dy} (if asked); dx = dy · Wᵀ. */
    private void linearBackward(INDArray x, INDArray dy, String prefix, INDArray dx) {
        if (linearWeightGradients) {
            Nd4j.gemm(x, dy, grads.get(prefix + "w"), true, false, 1.0, 0.0);
            if (floatKernels) {
                FloatKernels.columnSums(dy.data().asNioFloat(), (int) dy.size(0), (int) dy.size(1),
                        floats(grads.get(prefix + "b")));
            } else {
                grads.get(prefix + "b").assign(dy.sum(0));
            }
        }
        Nd4j.gemm(dy, params.get(prefix + "w"), dx, false, true, 1.0, 0.0);
    }

    /**
     * Columns [{@code offset}, offset + H) of the rows {@code src} → head-major [B·heads, L, d],
     * rotating queries and keys: x·cos + rotateHalf(x)·sin.
     */
    private void toHeads(Buffers b, INDArray src, int offset, INDArray headMajor, boolean rotate) {
        int batch = b.batch;
        if (floatKernels) {
            FloatKernels.toHeads(src.data().asNioFloat(), (int) src.size(1), offset, headMajor.data().asNioFloat(),
                    rotate ? cosTable : null, rotate ? sinTable : null, batch, tokens, heads, headSize);
            return;
        }
        b.rowScratch.assign(src.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + hidden)));
        if (rotate) {
            Nd4j.gemm(b.rowScratch.reshape((long) batch * tokens * heads, headSize), rotateHalf,
                    b.rotScratch.reshape((long) batch * tokens * heads, headSize), false, false, 1.0, 0.0);
            b.rowScratch.reshape(batch, (long) tokens * hidden).muliRowVector(cos);
            b.rotScratch.reshape(batch, (long) tokens * hidden).muliRowVector(sin);
            b.rowScratch.addi(b.rotScratch);
        }
        headMajor.reshape(batch, heads, tokens, headSize)
                .assign(b.rowScratch.reshape(batch, tokens, heads, headSize).permute(0, 2, 1, 3));
    }

    /**
     * Head-major [B·heads, L, d] → columns [{@code offset}, offset + H) of {@code rows}; with
     * {@code rotated}, the gradient of the rotation: g·cos + (g·sin)·rotateHalfᵀ.
     */
    private void fromHeads(Buffers b, INDArray headMajor, INDArray rows, int offset, boolean rotated) {
        int batch = b.batch;
        if (floatKernels) {
            FloatKernels.fromHeads(headMajor.data().asNioFloat(), rows.data().asNioFloat(), (int) rows.size(1), offset,
                    rotated ? cosTable : null, rotated ? sinTable : null, batch, tokens, heads, headSize);
            return;
        }
        b.rowScratch.reshape(batch, tokens, heads, headSize)
                .assign(headMajor.reshape(batch, heads, tokens, headSize).permute(0, 2, 1, 3));
        if (rotated) {
            b.rotScratch.assign(b.rowScratch);
            b.rotScratch.reshape(batch, (long) tokens * hidden).muliRowVector(sin);
            b.rowScratch.reshape(batch, (long) tokens * hidden).muliRowVector(cos);
            Nd4j.gemm(b.rotScratch.reshape((long) batch * tokens * heads, headSize), rotateHalf,
                    b.rowScratch.reshape((long) batch * tokens * heads, headSize), false, true, 1.0, 1.0);
        }
        rows.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + hidden)).assign(b.rowScratch);
    }

    private void normForward(String p, INDArray x, INDArray out) {
        if (config.norm().equals("scale")) {
            double g = params.get(p + "scale").getDouble(0);
            INDArray length = x.mul(x).sum(true, 1).addi(config.normEpsilon());
            org.nd4j.linalg.ops.transforms.Transforms.sqrt(length, false);
            out.assign(x).diviColumnVector(length).muli(g);
            return;
        }
        if (floatKernels) {
            FloatKernels.layerNorm(x.data().asNioFloat(), floats(params.get(p + "gain")),
                    floats(params.get(p + "bias")), out.data().asNioFloat(), (int) x.size(0), hidden,
                    (float) config.normEpsilon());
            return;
        }
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray rstd = Transforms.pow(centred.mul(centred).mean(true, 1).addi(config.normEpsilon()), -0.5, false);
        out.assign(centred.muliColumnVector(rstd).muliRowVector(params.get(p + "gain")).addiRowVector(params.get(p + "bias")));
    }

    private void normBackward(String p, INDArray x, INDArray dy, INDArray dx) {
        if (config.norm().equals("scale")) {
            scaleNormBackward(p, x, dy, dx);
            return;
        }
        if (floatKernels) {
            FloatKernels.layerNormBackward(x.data().asNioFloat(), floats(params.get(p + "gain")),
                    dy.data().asNioFloat(), dx.data().asNioFloat(), floats(grads.get(p + "gain")),
                    floats(grads.get(p + "bias")), (int) x.size(0), hidden, (float) config.normEpsilon());
            return;
        }
        // dx = rstd·(g − mean(g) − x̂·mean(g·x̂)) with g = dy·gain; dgain = Σ dy·x̂; dbias = Σ dy
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray rstd = Transforms.pow(centred.mul(centred).mean(true, 1).addi(config.normEpsilon()), -0.5, false);
        INDArray xhat = centred.mulColumnVector(rstd);
        grads.get(p + "gain").assign(dy.mul(xhat).sum(0));
        grads.get(p + "bias").assign(dy.sum(0));
        INDArray g = dy.mulRowVector(params.get(p + "gain"));
        INDArray meanG = g.mean(true, 1);
        INDArray meanGx = g.mul(xhat).mean(true, 1);
        dx.assign(g.subColumnVector(meanG).subi(xhat.mulColumnVector(meanGx)).muliColumnVector(rstd));
    }

    /** y = g·x/r with r = √(Σx² + ε): dg = Σ dy⊙x/r, dx = (g/r)·dy − (g·Σ(dy⊙x)/r³)·x. */
    private void scaleNormBackward(String p, INDArray x, INDArray dy, INDArray dx) {
        double g = params.get(p + "scale").getDouble(0);
        INDArray r = x.mul(x).sum(true, 1).addi(config.normEpsilon());
        org.nd4j.linalg.ops.transforms.Transforms.sqrt(r, false);
        INDArray dot = dy.mul(x).sum(true, 1);                       // [N, 1]
        grads.get(p + "scale").assign(dot.div(r).sum());
        INDArray coefficient = dot.muli(g).divi(r.mul(r).muli(r));   // g·Σ(dy⊙x)/r³
        dx.assign(dy).diviColumnVector(r).muli(g);
        dx.subi(x.mulColumnVector(coefficient));
    }

    /** The float entries of {@code a} (a contiguous array, possibly a view into the parameter store). */
    private static java.nio.FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat().position((int) a.offset()).slice();
    }

    /** Fills {@code mask} [B·L, H] with inverted-dropout factors, each trial's rows from a seed of its own. */
    private void drop(Buffers b, INDArray mask, double rate, int draw) {
        for (int t = 0; t < b.batch; t++) {
            noise.setSeed(trialSeed(b.noiseSeed, b.firstTrial + t, draw));
            INDArray rows = mask.get(NDArrayIndex.interval((long) t * tokens, (long) (t + 1) * tokens), NDArrayIndex.all());
            Nd4j.getExecutioner().exec(new BernoulliDistribution(rows, 1.0 - rate), noise);
        }
        mask.muli(1.0 / (1.0 - rate));
    }

    /** The seed of one trial's {@code draw}-th dropout mask of a step (SplitMix64's finaliser over the three). */
    static long trialSeed(long noiseSeed, long trial, int draw) {
        long z = noiseSeed * 0x9E3779B97F4A7C15L + trial * 0xBF58476D1CE4E5B9L + draw * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The work arrays for {@code batch} trials. Fresh off-heap memory is slow to touch, and the last
     * batch of a session or of a validation pass is smaller than the rest, so in single precision a
     * smaller batch works in leading views of the arrays of the largest batch so far instead of new
     * ones. The double-precision path reshapes its arrays (a view's reshape is a copy), so there
     * each batch size gets arrays of its own.
     */
    private Buffers buffers(int batch) {
        if (buffers != null && buffers.batch == batch) {
            return buffers;
        }
        if (!floatKernels) {
            buffers = new Buffers(batch);
        } else if (largest == null || largest.batch < batch) {
            largest = new Buffers(batch);
            smaller.clear();
            buffers = largest;
        } else {
            buffers = batch == largest.batch ? largest : smaller.computeIfAbsent(batch, n -> new Buffers(largest, n));
        }
        return buffers;
    }

    /** Every array one batch size needs. */
    private final class Buffers {
        final int batch;
        boolean training;
        long noiseSeed;
        int firstTrial;
        final INDArray[] stream;
        final INDArray[] ln1;
        final INDArray[] q;
        final INDArray[] k;
        final INDArray[] v;
        final INDArray[] probs;
        final INDArray[] context;
        final INDArray[] mid;
        final INDArray[] ln2;
        final INDArray[] preGelu;
        final INDArray[] gelu;
        final INDArray[] attnMask;
        final INDArray[] mlpMask;
        final INDArray embedMask;
        final INDArray out;
        final INDArray out3;
        final INDArray qkv;
        final INDArray rows;
        final INDArray rowScratch;
        final INDArray rotScratch;
        final INDArray headScratch;
        final INDArray dOut;
        final INDArray dx;
        final INDArray dx3;
        final INDArray dMlp;
        final INDArray dGelu;
        final INDArray dNorm;
        final INDArray dNormInput;
        final INDArray dContext;
        final INDArray dProbs;
        final INDArray probScratch;
        final INDArray dq;
        final INDArray dk;
        final INDArray dv;
        final INDArray dqkv;

        Buffers(int batch) {
            this.batch = batch;
            int layers = config.layers();
            long n = (long) batch * tokens;
            long bh = (long) batch * heads;
            stream = arrays(layers + 1, n, hidden);
            ln1 = arrays(layers, n, hidden);
            q = arrays(layers, bh, tokens, headSize);
            k = arrays(layers, bh, tokens, headSize);
            v = arrays(layers, bh, tokens, headSize);
            probs = arrays(layers, bh, tokens, tokens);
            context = arrays(layers, n, hidden);
            mid = arrays(layers, n, hidden);
            ln2 = arrays(layers, n, hidden);
            preGelu = arrays(layers, n, mlp);
            gelu = arrays(layers, n, mlp);
            boolean dropout = config.dropout() > 0;
            attnMask = dropout ? arrays(layers, n, hidden) : new INDArray[0];
            mlpMask = dropout ? arrays(layers, n, hidden) : new INDArray[0];
            embedMask = config.embedDropout() > 0 ? Nd4j.create(type, n, hidden) : null;
            out = Nd4j.create(type, n, hidden);
            qkv = Nd4j.create(type, n, 3L * hidden);
            rows = Nd4j.create(type, n, hidden);
            rowScratch = Nd4j.create(type, n, hidden);
            rotScratch = Nd4j.create(type, n, hidden);
            headScratch = Nd4j.create(type, bh, tokens, headSize);
            dOut = Nd4j.create(type, n, hidden);
            dx = Nd4j.create(type, n, hidden);
            dMlp = Nd4j.create(type, n, mlp);
            dGelu = Nd4j.create(type, n, mlp);
            dNorm = Nd4j.create(type, n, hidden);
            dNormInput = Nd4j.create(type, n, hidden);
            dContext = Nd4j.create(type, n, hidden);
            dProbs = Nd4j.create(type, bh, tokens, tokens);
            probScratch = Nd4j.create(type, bh, tokens, tokens);
            dq = Nd4j.create(type, bh, tokens, headSize);
            dk = Nd4j.create(type, bh, tokens, headSize);
            dv = Nd4j.create(type, bh, tokens, headSize);
            dqkv = Nd4j.create(type, n, 3L * hidden);
            out3 = out.reshape(batch, tokens, hidden);
            dx3 = dx.reshape(batch, tokens, hidden);
        }

        /** Leading views of {@code all}'s arrays, for a batch of {@code batch} ≤ all.batch trials. */
        Buffers(Buffers all, int batch) {
            this.batch = batch;
            long n = (long) batch * tokens;
            long bh = (long) batch * heads;
            stream = lead(all.stream, n);
            ln1 = lead(all.ln1, n);
            q = lead(all.q, bh);
            k = lead(all.k, bh);
            v = lead(all.v, bh);
            probs = lead(all.probs, bh);
            context = lead(all.context, n);
            mid = lead(all.mid, n);
            ln2 = lead(all.ln2, n);
            preGelu = lead(all.preGelu, n);
            gelu = lead(all.gelu, n);
            attnMask = lead(all.attnMask, n);
            mlpMask = lead(all.mlpMask, n);
            embedMask = all.embedMask != null ? lead(all.embedMask, n) : null;
            out = lead(all.out, n);
            out3 = lead(all.out3, batch);
            qkv = lead(all.qkv, n);
            rows = lead(all.rows, n);
            rowScratch = lead(all.rowScratch, n);
            rotScratch = lead(all.rotScratch, n);
            headScratch = lead(all.headScratch, bh);
            dOut = lead(all.dOut, n);
            dx = lead(all.dx, n);
            dx3 = lead(all.dx3, batch);
            dMlp = lead(all.dMlp, n);
            dGelu = lead(all.dGelu, n);
            dNorm = lead(all.dNorm, n);
            dNormInput = lead(all.dNormInput, n);
            dContext = lead(all.dContext, n);
            dProbs = lead(all.dProbs, bh);
            probScratch = lead(all.probScratch, bh);
            dq = lead(all.dq, bh);
            dk = lead(all.dk, bh);
            dv = lead(all.dv, bh);
            dqkv = lead(all.dqkv, n);
        }

        private static INDArray[] lead(INDArray[] arrays, long rows) {
            INDArray[] out = new INDArray[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                out[i] = lead(arrays[i], rows);
            }
            return out;
        }

        /** The first {@code rows} entries along axis 0: a view at offset 0, contiguous in C order. */
        private static INDArray lead(INDArray a, long rows) {
            INDArrayIndex[] index = new INDArrayIndex[a.rank()];
            index[0] = NDArrayIndex.interval(0, rows);
            for (int i = 1; i < index.length; i++) {
                index[i] = NDArrayIndex.all();
            }
            return a.get(index);
        }

        private INDArray[] arrays(int count, long... shape) {
            INDArray[] a = new INDArray[count];
            for (int i = 0; i < count; i++) {
                a[i] = Nd4j.create(type, shape);
            }
            return a;
        }
    }
}
