package org.nedsj.model.modality;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One session's count readout refitted to a trained model's hidden states: for each neuron a Poisson
 * regression of its counts on the hidden state of the scored tokens, with a ridge pulling its weights
 * towards the readout it had, {@code mean(e^η − y·η) + λ·|w − w₀|²}, {@code η = x·w + b} (the bias is
 * free). Fitted for each of {@link #PENALTIES}, strongest first, each from the last one's solution, by
 * Newton steps (the Hessian taken again every few steps; a step that would raise a neuron's objective is
 * halved) until each neuron's Newton decrement is negligible. The neurons are the columns of one problem: one matrix product gives every
 * neuron's log rates, one more every gradient, and one product of the rows' pairwise feature products
 * with the rates every Hessian; the rates live in one work array the size of the counts, reused
 * throughout (fresh off-heap memory is slow to touch). The pairwise products take (H + 1)(H + 2)/2 numbers a row:
 * where all rows' would pass {@link #PAIR_BUDGET} (from hidden 128 on a few hundred trials) the Hessian is summed over
 * blocks of rows, their products made again in one reused block each time.
 */
final class SessionRateFit {

    static final double[] PENALTIES = {1, 1e-1, 1e-2, 1e-3, 1e-4};
    private static final int MAX_STEPS = 40;
    /**
     * Steps taken with one Hessian before it is taken again (and after any step that had to be halved): a Hessian
     * costs more than a step's objective and gradient together (0.17 s against 0.13 s on 20,100 rows and 218
     * neurons), and along a warm-started path it changes little: 5–7 Hessians for the path's 19–22 steps.
     */
    private static final int REFACTOR_EVERY = 4;
    private static final int MAX_HALVINGS = 10;
    private static final double MAX_ETA = 30;
    /** A neuron stops where the decrease its Newton step promises is below this (relative to its objective). */
    private static final double DECREMENT = 1e-10;
    /** A rise of a neuron's objective this small (relative) is rounding, not a step too long. */
    private static final double ROUNDING = 1e-13;
    /**
     * Most single-precision numbers the rows' pairwise feature products may hold at once (256 MB): at the demo's
     * hidden 64 all of a session's rows fit, made once for the whole path; at hidden 256 all of a 600-trial
     * session's rows would take 6 GB.
     */
    static final long PAIR_BUDGET = 1L << 26;

    /** [x, 1] [n, H + 1]: one product with it gives the log rates with their bias, or the gradient with its bias row. */
    private final INDArray design;
    /** A row of n ones: its product with the rates sums them over the tokens. */
    private final INDArray ones;
    private final INDArray prior;
    private final int features;
    private final int neurons;
    private final int rows;
    /** [xᵀ·y; Σ y]: the counts enter the objective only through these, since Σ y·η is linear in the readout. */
    private final INDArray countMoments;
    private final boolean[] spiking;
    /** Rows of the pairwise products made at once: all rows, or a block of them. */
    private final int blockRows;
    private INDArray pairs;
    private INDArray rates;

    /**
     * @param x     the scored tokens' hidden states [n, H]
     * @param y     their counts [n, N]
     * @param prior the trained readout [H + 1, N], the last row the log-rate bias
     */
    SessionRateFit(INDArray x, INDArray y, INDArray prior) {
        this(x, y, prior, PAIR_BUDGET);
    }

    /** With a budget of single-precision numbers for the pairwise products (tests make it small). */
    SessionRateFit(INDArray x, INDArray y, INDArray prior, long pairBudget) {
        this.prior = prior.castTo(DataType.DOUBLE);
        this.features = (int) x.size(1);
        this.neurons = (int) y.size(1);
        this.rows = (int) x.size(0);
        this.design = Nd4j.ones(DataType.DOUBLE, rows, features + 1);
        design.get(NDArrayIndex.all(), NDArrayIndex.interval(0, features)).assign(x);
        this.ones = Nd4j.ones(DataType.DOUBLE, 1, rows);
        this.countMoments = Nd4j.gemm(design, y.castTo(DataType.DOUBLE), true, false);
        this.spiking = new boolean[neurons];
        double[] totals = countMoments.getRow(features).toDoubleVector();
        for (int j = 0; j < neurons; j++) {
            spiking[j] = totals[j] > 0;
        }
        long pairsPerRow = (long) (features + 1) * (features + 2) / 2;
        this.blockRows = (int) Math.max(1, Math.min(rows, pairBudget / pairsPerRow));
    }

    /** Whether the Hessian is summed over blocks of rows (the pairwise products of all rows would pass the budget). */
    boolean blocked() {
        return blockRows < rows;
    }

    /** Whether neuron {@code j} spiked in the tokens fitted (a neuron that did not keeps its trained readout). */
    boolean spiking(int j) {
        return spiking[j];
    }

    /** Each penalty's readout [H + 1, N], in the order of {@link #PENALTIES}. */
    List<INDArray> path() {
        int d = features + 1;
        pairs = Nd4j.createUninitialized(DataType.FLOAT, blockRows, d * (d + 1) / 2);   // every entry is written before use
        if (!blocked()) {
            pairProducts(0, rows);
        }
        rates = Nd4j.create(DataType.DOUBLE, rows, neurons);
        List<INDArray> out = new ArrayList<>();
        INDArray beta = prior.dup();
        for (double penalty : PENALTIES) {
            beta = solve(penalty, beta);
            out.add(beta);
        }
        pairs.close();
        rates.close();
        pairs = null;
        rates = null;
        return out;
    }

    /** Each neuron's mean Poisson NLL (without log y!) on the given tokens under a readout [H + 1, N]. */
    static double[] meanNll(INDArray x, INDArray y, INDArray readout) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        int h = (int) x.size(1);
        INDArray eta = xd.mmul(readout.get(NDArrayIndex.interval(0, h), NDArrayIndex.all())).addiRowVector(readout.getRow(h));
        INDArray nll = Transforms.exp(Transforms.min(eta, MAX_ETA, true), false).subi(y.castTo(DataType.DOUBLE).muli(eta));
        return nll.mean(0).toDoubleVector();
    }

    private INDArray solve(double penalty, INDArray start) {
        INDArray beta = start.dup();
        boolean[] active = spiking.clone();
        double[] objective = objective(beta, penalty);
        double[][][] factors = null;
        for (int step = 0; step < MAX_STEPS && any(active); step++) {
            INDArray gradient = gradient(beta, penalty);
            if (factors == null) {
                factors = factors(hessians(active), penalty, active);
            }
            INDArray direction = newtonSteps(gradient, factors, active);
            double[] decrement = gradient.mul(direction).sum(0).toDoubleVector();
            Step taken = halvedUntilNoRise(beta, direction, objective, active, penalty);
            for (int j = 0; j < neurons; j++) {
                if (active[j] && (taken.scale()[j] == 0 || decrement[j] < DECREMENT * (1 + Math.abs(objective[j])))) {
                    active[j] = false;
                }
            }
            beta = taken.readout();
            objective = taken.objective();
            if (taken.halved() || step % REFACTOR_EVERY == REFACTOR_EVERY - 1) {
                factors = null;
            }
        }
        return beta;
    }

    /** A step taken: the readout reached, its objective, each neuron's share of its step, and whether any was halved. */
    private record Step(INDArray readout, double[] objective, double[] scale, boolean halved) {
    }

    /**
     * Each active neuron's step, halved while its objective would rise; a neuron whose every halving raised it keeps
     * its readout. Leaves the rates of the readout reached in the work array.
     */
    private Step halvedUntilNoRise(INDArray beta, INDArray direction, double[] objective, boolean[] active,
                                   double penalty) {
        double[] scale = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            scale[j] = active[j] ? 1 : 0;
        }
        for (int h = 0; h <= MAX_HALVINGS; h++) {
            INDArray candidate = beta.sub(direction.mulRowVector(Nd4j.createFromArray(scale)));
            double[] next = objective(candidate, penalty);
            boolean rejected = false;
            for (int j = 0; j < neurons; j++) {
                if (scale[j] > 0 && !(next[j] <= objective[j] + ROUNDING * (1 + Math.abs(objective[j])))) {
                    scale[j] = h == MAX_HALVINGS ? 0 : scale[j] / 2;
                    rejected = true;
                }
            }
            if (!rejected) {
                return new Step(candidate, next, scale, h > 0);
            }
        }
        INDArray kept = beta.sub(direction.mulRowVector(Nd4j.createFromArray(scale)));
        return new Step(kept, objective(kept, penalty), scale, true);
    }

    /**
     * Each active neuron's Cholesky factor of its penalised Hessian (null for the others; a neuron whose Hessian
     * cannot be factored stops where it is).
     */
    private double[][][] factors(double[][] hessians, double penalty, boolean[] active) {
        int d = features + 1;
        double[][][] out = new double[neurons][][];
        for (int j = 0; j < neurons; j++) {
            if (!active[j]) {
                continue;
            }
            double[][] a = unpack(hessians[j], d);
            for (int k = 0; k < features; k++) {
                a[k][k] += 2 * penalty;
            }
            try {
                out[j] = Cholesky.factor(a);
            } catch (IllegalArgumentException notPositiveDefinite) {
                active[j] = false;  // rounding in a nearly flat direction: the neuron keeps the readout it has
            }
        }
        return out;
    }

    /** The step of every active neuron [H + 1, N] (zero columns for the others). */
    private INDArray newtonSteps(INDArray gradient, double[][][] factors, boolean[] active) {
        double[][] g = gradient.transpose().toDoubleMatrix();
        double[][] steps = new double[neurons][features + 1];
        for (int j = 0; j < neurons; j++) {
            if (active[j] && factors[j] != null) {
                steps[j] = Cholesky.solveFactored(factors[j], g[j]);
            }
        }
        return Nd4j.createFromArray(steps).transpose().dup('c');
    }

    /**
     * Each neuron's penalised mean NLL at {@code beta}, leaving the rates e^η [n, N] in the work array for the
     * gradient and Hessian of the same readout.
     */
    private double[] objective(INDArray beta, double penalty) {
        Nd4j.gemm(design, beta, rates, false, false, 1.0, 0.0);
        Transforms.min(rates, MAX_ETA, false);
        Transforms.exp(rates, false);
        double[] sumRates = Nd4j.gemm(ones, rates, false, false).toDoubleVector();
        double[] linear = countMoments.mul(beta).sum(0).toDoubleVector();
        double[] ridge = ridge(beta);
        double[] out = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            out[j] = (sumRates[j] - linear[j]) / rows + penalty * ridge[j];
        }
        return out;
    }

    /** |w − w₀|² of each neuron (the bias row left out). */
    private double[] ridge(INDArray beta) {
        INDArray dw = weights(beta).sub(weights(prior));
        return dw.muli(dw).sum(0).toDoubleVector();
    }

    /** The gradient of each neuron's objective [H + 1, N], at the readout whose rates the work array holds. */
    private INDArray gradient(INDArray beta, double penalty) {
        INDArray g = Nd4j.gemm(design, rates, true, false);
        g.subi(countMoments).divi(rows);
        weights(g).addi(weights(beta).sub(weights(prior)).muli(2 * penalty));
        return g;
    }

    /**
     * Each active neuron's Hessian of the mean NLL (null for the others), packed upper triangle of
     * {@code [x, 1]ᵀ·diag(μ/n)·[x, 1]}, at the readout whose rates the work array holds: one product of the rows'
     * pairwise feature products [n, D] with the active neurons' rates (a Hessian taken again after a few steps is
     * mostly of a sixth of the neurons or fewer: the others have converged), in single precision (a step's direction
     * needs no more; the objective and gradient are taken in double). A Hessian of a subsample of the rows would be
     * cheaper, but its steps converge only linearly: on 19,000 rows, 300 neurons and 64 features, every fifth row took
     * 46 steps along the penalties where all rows took 19.
     */
    private double[][] hessians(boolean[] active) {
        int[] columns = IntStream.range(0, neurons).filter(j -> active[j]).toArray();
        INDArray scaled = (columns.length == neurons ? rates : rates.getColumns(columns)).castTo(DataType.FLOAT).divi(rows);
        INDArray sum;
        if (!blocked()) {
            sum = pairs.transpose().mmul(scaled);
        } else {
            sum = Nd4j.create(DataType.FLOAT, pairs.size(1), columns.length);
            for (int start = 0; start < rows; start += blockRows) {
                int length = Math.min(blockRows, rows - start);
                pairProducts(start, length);
                INDArray block = length == blockRows ? pairs : pairs.get(NDArrayIndex.interval(0, length), NDArrayIndex.all());
                Nd4j.gemm(block, scaled.get(NDArrayIndex.interval(start, start + length), NDArrayIndex.all()), sum,
                        true, false, 1.0, 1.0);
            }
        }
        double[][] packed = sum.castTo(DataType.DOUBLE).transpose().toDoubleMatrix();
        double[][] out = new double[neurons][];
        for (int i = 0; i < columns.length; i++) {
            out[columns[i]] = packed[i];
        }
        return out;
    }

    /**
     * The products x_k·x_l (k ≤ l) of the features and a constant 1 of rows {@code start} to {@code start + length},
     * in the packed order, into the first {@code length} rows of the pairs array.
     */
    private void pairProducts(int start, int length) {
        int d = features + 1;
        int packed = d * (d + 1) / 2;
        INDArray withOne = design.get(NDArrayIndex.interval(start, start + length), NDArrayIndex.all()).castTo(DataType.FLOAT);
        FloatBuffer in = withOne.data().asNioFloat();
        FloatBuffer out = pairs.data().asNioFloat();
        float[] row = new float[d];
        float[] products = new float[packed];
        for (int r = 0; r < length; r++) {
            in.get(r * d, row);
            int p = 0;
            for (int k = 0; k < d; k++) {
                float xk = row[k];
                for (int l = k; l < d; l++) {
                    products[p++] = xk * row[l];
                }
            }
            out.put(r * packed, products);
        }
        withOne.close();
    }

    private static double[][] unpack(double[] packed, int d) {
        double[][] a = new double[d][d];
        int p = 0;
        for (int k = 0; k < d; k++) {
            for (int l = k; l < d; l++) {
                a[k][l] = packed[p];
                a[l][k] = packed[p++];
            }
        }
        return a;
    }

    private INDArray weights(INDArray beta) {
        return beta.get(NDArrayIndex.interval(0, features), NDArrayIndex.all());
    }

    private static boolean any(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }
}
