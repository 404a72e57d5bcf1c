package org.nedsj.eval.baseline;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * Per-neuron Poisson GLMs with a log link sharing one design, fitted by Newton's method (IRLS) with
 * step halving. For neuron n the objective is (1/R)·Σ_r (e^{η_rn} − y_rn·η_rn) + (λ/2)·|w_n|², where
 * η = X·β_n and w_n is β_n without the intercept (column 0 of X, which must be all ones).
 *
 * <p>Neurons are fitted in blocks that share each pass over the rows, so the per-row outer product
 * x·xᵀ of the Hessian (only its non-zero entries) is formed once per block rather than once per
 * neuron. A full Newton step is taken first and its objective, gradient and Hessian computed in one
 * pass; only neurons whose objective rose get their step halved.
 */
final class PoissonGlm {

    private static final int BLOCK = 32;
    private static final double MAX_ETA = 30;
    private static final double TOLERANCE = 1e-8;

    private PoissonGlm() {
    }

    /**
     * @param x       design [rows, d] row-major, column 0 all ones
     * @param y       counts [rows, neurons] row-major
     * @param pool    where blocks run in parallel; null runs them on the calling thread
     * @return coefficients [neurons, d]; the row of a neuron without any spike is NaN
     */
    static double[] fit(double[] x, int rows, int d, float[] y, int neurons, double penalty, int maxIterations,
                        ForkJoinPool pool) {
        if (x.length != (long) rows * d || y.length != (long) rows * neurons) {
            throw new IllegalArgumentException("GLM design has " + x.length + " values and counts " + y.length
                    + ", expected " + rows + "×" + d + " and " + rows + "×" + neurons);
        }
        double[] beta = new double[neurons * d];
        int blocks = (neurons + BLOCK - 1) / BLOCK;
        Runnable all = () -> IntStream.range(0, blocks).parallel().forEach(b -> new Block(x, rows, d, y, neurons,
                b * BLOCK, Math.min(neurons, (b + 1) * BLOCK), penalty, beta).fit(maxIterations));
        if (pool == null) {
            IntStream.range(0, blocks).forEach(b -> new Block(x, rows, d, y, neurons, b * BLOCK,
                    Math.min(neurons, (b + 1) * BLOCK), penalty, beta).fit(maxIterations));
        } else if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
            all.run();
        } else {
            pool.submit(all).join();
        }
        return beta;
    }

    /** One block of neurons fitted together. */
    private static final class Block {
        private final double[] x;
        private final int rows;
        private final int d;
        private final int tri;
        private final float[] y;
        private final int neurons;
        private final int first;
        private final int size;
        private final double penalty;
        private final double[] beta;

        Block(double[] x, int rows, int d, float[] y, int neurons, int first, int end, double penalty, double[] beta) {
            this.x = x;
            this.rows = rows;
            this.d = d;
            this.tri = d * (d + 1) / 2;
            this.y = y;
            this.neurons = neurons;
            this.first = first;
            this.size = end - first;
            this.penalty = penalty;
            this.beta = beta;
        }

        void fit(int maxIterations) {
            boolean[] active = new boolean[size];
            double[] coef = new double[size * d];
            initialise(active, coef);
            double[] objective = new double[size];
            double[] grad = new double[size * d];
            double[] hess = new double[size * tri];
            derivatives(active, coef, objective, grad, hess);
            double[] candidate = new double[size * d];
            double[] newObjective = new double[size];
            double[] newGrad = new double[size * d];
            double[] newHess = new double[size * tri];
            for (int it = 0; it < maxIterations && any(active); it++) {
                double[] step = new double[size * d];
                for (int b = 0; b < size; b++) {
                    if (active[b]) {
                        double[] s = CholeskyFactor.of(unpack(hess, b), d).solve(slice(grad, b));
                        System.arraycopy(s, 0, step, b * d, d);
                        for (int j = 0; j < d; j++) {
                            candidate[b * d + j] = coef[b * d + j] - s[j];
                        }
                    }
                }
                // the full step usually lowers the objective: take it and get the next derivatives in the same pass
                derivatives(active, candidate, newObjective, newGrad, newHess);
                boolean[] rejected = new boolean[size];
                for (int b = 0; b < size; b++) {
                    if (active[b] && !(newObjective[b] <= objective[b] + 1e-14 * Math.abs(objective[b]))) {
                        rejected[b] = true;
                    }
                }
                if (any(rejected)) {
                    halveSteps(rejected, coef, step, objective, candidate, newObjective);
                    derivatives(rejected, candidate, newObjective, newGrad, newHess);
                }
                for (int b = 0; b < size; b++) {
                    if (!active[b]) {
                        continue;
                    }
                    double decrease = objective[b] - newObjective[b];
                    if (!(decrease >= 0)) {
                        active[b] = false;  // no descent left at working precision: keep the current coefficients
                        continue;
                    }
                    System.arraycopy(candidate, b * d, coef, b * d, d);
                    objective[b] = newObjective[b];
                    System.arraycopy(newGrad, b * d, grad, b * d, d);
                    System.arraycopy(newHess, b * tri, hess, b * tri, tri);
                    if (decrease < TOLERANCE * (1 + Math.abs(objective[b]))) {
                        active[b] = false;
                    }
                }
            }
            for (int b = 0; b < size; b++) {
                System.arraycopy(coef, b * d, beta, (first + b) * d, d);
            }
        }

        private void initialise(boolean[] active, double[] coef) {
            double[] sums = new double[size];
            for (int r = 0; r < rows; r++) {
                int base = r * neurons + first;
                for (int b = 0; b < size; b++) {
                    sums[b] += y[base + b];
                }
            }
            for (int b = 0; b < size; b++) {
                active[b] = sums[b] > 0;
                for (int j = 0; j < d; j++) {
                    coef[b * d + j] = active[b] ? (j == 0 ? Math.log(sums[b] / rows) : 0) : Double.NaN;
                }
            }
        }

        /**
         * Objective, gradient and Hessian (packed upper triangle) of the neurons flagged in
         * {@code which} at {@code coef}.
         */
        private void derivatives(boolean[] which, double[] coef, double[] objective, double[] grad, double[] hess) {
            for (int b = 0; b < size; b++) {
                if (which[b]) {
                    objective[b] = 0;
                    java.util.Arrays.fill(grad, b * d, (b + 1) * d, 0);
                    java.util.Arrays.fill(hess, b * tri, (b + 1) * tri, 0);
                }
            }
            // the non-zero entries of x·xᵀ (packed upper triangle): design rows are mostly zeros
            // (one-hot classes, two overlapping time bumps), so scattering these beats a dense update
            double[] outer = new double[tri];
            int[] outerIndex = new int[tri];
            for (int r = 0; r < rows; r++) {
                int xr = r * d;
                int nonZero = 0;
                for (int i = 0; i < d; i++) {
                    double xi = x[xr + i];
                    if (xi == 0) {
                        continue;
                    }
                    int rowStart = i * d - i * (i - 1) / 2 - i;
                    for (int j = i; j < d; j++) {
                        double xj = x[xr + j];
                        if (xj != 0) {
                            outerIndex[nonZero] = rowStart + j;
                            outer[nonZero++] = xi * xj;
                        }
                    }
                }
                int yr = r * neurons + first;
                for (int b = 0; b < size; b++) {
                    if (!which[b]) {
                        continue;
                    }
                    int cb = b * d;
                    double eta = 0;
                    for (int j = 0; j < d; j++) {
                        eta += x[xr + j] * coef[cb + j];
                    }
                    eta = Math.min(eta, MAX_ETA);
                    double mu = Math.exp(eta);
                    double count = y[yr + b];
                    objective[b] += mu - count * eta;
                    double residual = mu - count;
                    for (int j = 0; j < d; j++) {
                        grad[cb + j] += residual * x[xr + j];
                    }
                    int hb = b * tri;
                    for (int k = 0; k < nonZero; k++) {
                        hess[hb + outerIndex[k]] += mu * outer[k];
                    }
                }
            }
            double inv = 1.0 / rows;
            for (int b = 0; b < size; b++) {
                if (!which[b]) {
                    continue;
                }
                objective[b] = objective[b] * inv + penaltyOf(coef, b);
                for (int j = 0; j < d; j++) {
                    grad[b * d + j] = grad[b * d + j] * inv + (j == 0 ? 0 : penalty * coef[b * d + j]);
                }
                int t = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = i; j < d; j++) {
                        hess[b * tri + t] = hess[b * tri + t] * inv + (i == j && i > 0 ? penalty : 0);
                        t++;
                    }
                }
            }
        }

        /** Halves the steps of the flagged neurons until the objective does not rise (at most 30 times). */
        private void halveSteps(boolean[] flagged, double[] coef, double[] step, double[] objective, double[] candidate,
                                double[] newObjective) {
            boolean[] pending = flagged.clone();
            double[] scale = new double[size];
            java.util.Arrays.fill(scale, 1);
            for (int halving = 0; halving < 30 && any(pending); halving++) {
                for (int b = 0; b < size; b++) {
                    if (pending[b]) {
                        scale[b] /= 2;
                        for (int j = 0; j < d; j++) {
                            candidate[b * d + j] = coef[b * d + j] - scale[b] * step[b * d + j];
                        }
                    }
                }
                objectives(pending, candidate, newObjective);
                for (int b = 0; b < size; b++) {
                    if (pending[b] && newObjective[b] <= objective[b] + 1e-14 * Math.abs(objective[b])) {
                        pending[b] = false;
                    }
                }
            }
            for (int b = 0; b < size; b++) {
                if (pending[b]) {
                    System.arraycopy(coef, b * d, candidate, b * d, d);  // no descent found: stay
                }
            }
        }

        private void objectives(boolean[] which, double[] coef, double[] out) {
            java.util.Arrays.fill(out, 0);
            for (int r = 0; r < rows; r++) {
                int xr = r * d;
                int yr = r * neurons + first;
                for (int b = 0; b < size; b++) {
                    if (!which[b]) {
                        continue;
                    }
                    double eta = 0;
                    for (int j = 0; j < d; j++) {
                        eta += x[xr + j] * coef[b * d + j];
                    }
                    eta = Math.min(eta, MAX_ETA);
                    out[b] += Math.exp(eta) - y[yr + b] * eta;
                }
            }
            for (int b = 0; b < size; b++) {
                if (which[b]) {
                    out[b] = out[b] / rows + penaltyOf(coef, b);
                }
            }
        }

        private double penaltyOf(double[] coef, int b) {
            double s = 0;
            for (int j = 1; j < d; j++) {
                s += coef[b * d + j] * coef[b * d + j];
            }
            return 0.5 * penalty * s;
        }

        private double[] unpack(double[] hess, int b) {
            double[] h = new double[d * d];
            int t = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    h[i * d + j] = hess[b * tri + t];
                    h[j * d + i] = hess[b * tri + t];
                    t++;
                }
            }
            return h;
        }

        private double[] slice(double[] a, int b) {
            double[] s = new double[d];
            System.arraycopy(a, b * d, s, 0, d);
            return s;
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
}
