package org.nedsj.eval.baseline;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Multinomial (softmax) logistic regression on z-scored features, fitted by Newton's method with step
 * halving: every class has its own weights and intercept, and the objective is mean cross-entropy +
 * λ·|w|² over all classes' non-intercept weights (+1e-8·intercept², which keeps a class absent from
 * training finite), the form of glmnet and scikit-learn. No class is a reference: with one, the penalty
 * would pull every other class's weights towards it, and relabelling the classes would change the fit
 * (without one, the baseline's block accuracy on 13 demo runs rose by 0.008 on average).
 *
 * <p>{@link #fitRankOne} holds the weights to rank one, one direction of the features read by each class with
 * its own weight, for classes that are ordered levels of one variable.
 */
final class MultinomialLogisticRegression {

    private static final double INTERCEPT_PENALTY = 1e-8;
    /** At most this many alternations of the rank-one fit ({@link #fitRankOne}). */
    private static final int RANK_ONE_ROUNDS = 100;

    private MultinomialLogisticRegression() {
    }

    /** A fitted model; {@code coef} is classes × (p+1), intercept first. */
    record Fit(double penalty, double[] mean, double[] scale, int classes, double[] coef) {

        /** Writes the {@code classes} logits of {@code x} into {@code out[offset…]}. */
        void logits(double[] x, float[] out, int offset) {
            double[] eta = linear(this, standardise(x, mean, scale));
            for (int k = 0; k < classes; k++) {
                out[offset + k] = (float) eta[k];
            }
        }
    }

    static Fit fit(double[][] x, int[] y, int classes, double penalty, int maxIterations) {
        return fit(Standardised.of(x), y, classes, penalty, maxIterations, false);
    }

    /** Training features z-scored over their rows, with the means and scales that did it. */
    private record Standardised(double[][] z, double[] mean, double[] scale) {
        static Standardised of(double[][] x) {
            if (x.length == 0) {
                throw new IllegalArgumentException("logistic regression needs at least one training trial");
            }
            int p = x[0].length;
            double[] mean = new double[p];
            double[] scale = new double[p];
            standardisation(x, mean, scale);
            return new Standardised(standardiseRows(x, mean, scale), mean, scale);
        }

        /** The rows {@code keep} accepts, standardised as all of them were. */
        Standardised rows(IntPredicate keep) {
            return new Standardised(MultinomialLogisticRegression.rows(z, keep), mean, scale);
        }

        /** Other rows (validation trials) z-scored with these rows' means and scales. */
        double[][] standardiseOthers(double[][] x) {
            return standardiseRows(x, mean, scale);
        }
    }

    /** The full fit at λ, or the fit of rank one made from it ({@link #fitRankOne}). */
    private static Fit fit(Standardised s, int[] y, int classes, double penalty, int maxIterations, boolean rankOne) {
        Fit full = fitStandardised(s.z(), y, classes, penalty, maxIterations, s.mean(), s.scale());
        return rankOne ? ofRankOne(full, s.z(), y, maxIterations) : full;
    }

    /** The fit of features already standardised as {@code mean} and {@code scale} say. */
    private static Fit fitStandardised(double[][] z, int[] y, int classes, double penalty, int maxIterations,
                                       double[] mean, double[] scale) {
        int size = classes * (mean.length + 1);
        double[] coef = newton(new double[size], c -> new Fit(penalty, mean, scale, classes, c), (f, c, grad) -> {
            double[] hess = new double[size * size];
            derivatives(f, z, y, grad, hess);
            return hess;
        }, z, y, maxIterations);
        return new Fit(penalty, mean, scale, classes, coef);
    }

    /** The gradient of a problem into {@code grad}, and its Hessian (row-major), at parameters {@code v}, whose fit is {@code f}. */
    private interface Derivatives {
        double[] at(Fit f, double[] v, double[] grad);
    }

    /**
     * Newton's method from {@code start} on a convex problem in parameters v whose fit {@code fitOf} gives: each step
     * halved (30 times at most) until the objective does not rise, {@code maxIterations} steps at most, stopping where
     * a step lowers it by less than 1e-10 of (1 + itself). Returns the parameters.
     */
    private static double[] newton(double[] start, Function<double[], Fit> fitOf, Derivatives derivatives, double[][] z,
                                   int[] y, int maxIterations) {
        double[] v = start;
        Fit current = fitOf.apply(v);
        double loss = objective(current, z, y);
        for (int it = 0; it < maxIterations; it++) {
            double[] grad = new double[v.length];
            double[] step = CholeskyFactor.of(derivatives.at(current, v, grad), v.length).solve(grad);
            Fit candidate = null;
            double candidateLoss = Double.POSITIVE_INFINITY;
            double[] next = null;
            double t = 1;
            for (int halving = 0; halving < 30; halving++) {
                next = v.clone();
                for (int i = 0; i < v.length; i++) {
                    next[i] -= t * step[i];
                }
                candidate = fitOf.apply(next);
                candidateLoss = objective(candidate, z, y);
                if (candidateLoss <= loss) {
                    break;
                }
                t /= 2;
            }
            if (!(candidateLoss <= loss)) {
                break;
            }
            double decrease = loss - candidateLoss;
            v = next;
            current = candidate;
            loss = candidateLoss;
            if (decrease < 1e-10 * (1 + Math.abs(loss))) {
                break;
            }
        }
        return v;
    }

    /**
     * The fit of rank one at penalty λ, the stereotype model of ordered classes: logits b_k + φ_k·(z·u) of the z-scored
     * features, minimising the full objective with the weights φ_k·u (penalty λ·|u|²·|φ|²; not convex in u and φ
     * together, convex in either alone). Started from the full fit's leading direction u (the leading left singular
     * vector of its weights over the features) with φ and the intercepts of the projection z·u fitted at λ, then
     * alternately u with the intercepts (φ held) and φ with the intercepts (u held), each by Newton's method, until
     * the objective stops falling ({@value #RANK_ONE_ROUNDS} rounds at most); returned as a fit of the features.
     * Two classes' full fit is already of rank one and comes back unchanged.
     */
    static Fit fitRankOne(double[][] x, int[] y, int classes, double penalty, int maxIterations) {
        return fit(Standardised.of(x), y, classes, penalty, maxIterations, true);
    }

    /** The rank-one fit started from {@code full}, a full fit of the standardised rows {@code z}. */
    private static Fit ofRankOne(Fit full, double[][] z, int[] y, int maxIterations) {
        int p = full.mean().length;
        Along fitted = alongDirection(leadingDirection(full.coef(), full.classes(), p), full, z, y, maxIterations);
        if (full.classes() < 3 || p == 0) {
            return fitted.fit();
        }
        double loss = objective(fitted.fit(), z, y);
        for (int round = 0; round < RANK_ONE_ROUNDS && norm(fitted.phi()) > 0; round++) {
            Along next = alongDirection(directionGiven(fitted, z, y, maxIterations), full, z, y, maxIterations);
            double nextLoss = objective(next.fit(), z, y);
            if (!(nextLoss <= loss)) {
                break;
            }
            double decrease = loss - nextLoss;
            fitted = next;
            loss = nextLoss;
            if (decrease <= 1e-10 * (1 + loss)) {
                break;
            }
        }
        return fitted.fit();
    }

    /** A fit of rank one, weights φ_k·u, with its u (unit) and φ. */
    private record Along(double[] u, double[] phi, Fit fit) {
    }

    /** The weights φ_k·u with φ and the intercepts those of z·u fitted at {@code full}'s penalty. */
    private static Along alongDirection(double[] u, Fit full, double[][] z, int[] y, int maxIterations) {
        int classes = full.classes();
        int p = full.mean().length;
        double[][] projection = new double[z.length][1];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < p; j++) {
                projection[i][0] += z[i][j] * u[j];
            }
        }
        Fit along = fitStandardised(projection, y, classes, full.penalty(), maxIterations, new double[1], new double[]{1});
        double[] phi = new double[classes];
        double[] v = Arrays.copyOf(u, p + classes);
        for (int k = 0; k < classes; k++) {
            phi[k] = along.coef()[k * 2 + 1];
            v[p + k] = along.coef()[k * 2];
        }
        return new Along(u, phi, withDirection(full, v, phi));
    }

    /**
     * The direction step of the rank-one fit: with φ held, the u and intercepts minimising the objective of the weights
     * φ_k·u, from {@code start}'s; the coefficients are linear in (u, intercepts), so the objective is convex in them.
     * Returns u scaled to unit length, or {@code start}'s where the step ends at zero.
     */
    private static double[] directionGiven(Along start, double[][] z, int[] y, int maxIterations) {
        Fit f = start.fit();
        int p = f.mean().length;
        int d = p + 1;
        double[] phi = start.phi();
        double[] v = Arrays.copyOf(start.u(), p + f.classes());
        for (int k = 0; k < f.classes(); k++) {
            v[p + k] = f.coef()[k * d];
        }
        v = newton(v, w -> withDirection(f, w, phi), (g, w, grad) -> directionDerivatives(g, w, phi, z, y, grad), z, y,
                maxIterations);
        double[] u = Arrays.copyOf(v, p);
        double length = norm(u);
        if (length == 0) {
            return start.u();
        }
        for (int j = 0; j < p; j++) {
            u[j] /= length;
        }
        return u;
    }

    /** {@code f} with the weights φ_k·u and intercepts of {@code v} = (u, intercepts). */
    private static Fit withDirection(Fit f, double[] v, double[] phi) {
        int p = f.mean().length;
        int d = p + 1;
        double[] coef = new double[f.classes() * d];
        for (int k = 0; k < f.classes(); k++) {
            coef[k * d] = v[p + k];
            for (int j = 0; j < p; j++) {
                coef[k * d + 1 + j] = phi[k] * v[j];
            }
        }
        return new Fit(f.penalty(), f.mean(), f.scale(), f.classes(), coef);
    }

    /**
     * The gradient (into {@code grad}) and Hessian (row-major) of the objective in v = (u, intercepts) with φ held, at
     * {@code f}, the fit of v. Row i's logits move by φ·(z_i·du) + db, so with e = p − y and w = diag(p) − p·pᵀ its
     * terms are (φ·e)·z_i and e, and (φᵀwφ)·z_i·z_iᵀ, z_i·(wφ)ᵀ and w; the penalty adds 2λ|φ|²·u and 2λ|φ|² on the
     * diagonal, the intercepts' likewise.
     */
    private static double[] directionDerivatives(Fit f, double[] v, double[] phi, double[][] z, int[] y, double[] grad) {
        int p = f.mean().length;
        int classes = f.classes();
        int n = p + classes;
        double[] hess = new double[n * n];
        double[] wPhi = new double[classes];
        for (int i = 0; i < z.length; i++) {
            double[] prob = probabilities(linear(f, z[i]));
            double pPhi = 0;
            for (int k = 0; k < classes; k++) {
                pPhi += prob[k] * phi[k];
            }
            double phiE = pPhi - phi[y[i]];
            double q = 0;
            for (int k = 0; k < classes; k++) {
                wPhi[k] = prob[k] * (phi[k] - pPhi);
                q += phi[k] * wPhi[k];
            }
            for (int j = 0; j < p; j++) {
                grad[j] += phiE * z[i][j];
                double qz = q * z[i][j];
                for (int l = 0; l <= j; l++) {
                    hess[j * n + l] += qz * z[i][l];
                }
                for (int k = 0; k < classes; k++) {
                    hess[(p + k) * n + j] += z[i][j] * wPhi[k];
                }
            }
            for (int k = 0; k < classes; k++) {
                grad[p + k] += prob[k] - (y[i] == k ? 1 : 0);
                for (int m = 0; m <= k; m++) {
                    hess[(p + k) * n + p + m] += prob[k] * ((k == m ? 1 : 0) - prob[m]);
                }
            }
        }
        double invN = 1.0 / z.length;
        double phiSquared = 0;
        for (double w : phi) {
            phiSquared += w * w;
        }
        for (int r = 0; r < n; r++) {
            double ridge = 2 * (r < p ? f.penalty() * phiSquared : INTERCEPT_PENALTY);
            grad[r] = grad[r] * invN + ridge * v[r];
            for (int c = 0; c <= r; c++) {
                hess[r * n + c] *= invN;
                hess[c * n + r] = hess[r * n + c];
            }
            hess[r * n + r] += ridge;
        }
        return hess;
    }

    /**
     * The unit direction of the features along which the classes' weights (coef, classes × (p+1), intercept first)
     * vary most: {@code W·v / |W·v|} with W the p × classes weights and v the leading eigenvector of {@code WᵀW}, by
     * power iteration from its largest row. Zero weights give the first feature's axis.
     */
    private static double[] leadingDirection(double[] coef, int classes, int p) {
        int d = p + 1;
        double[][] gram = new double[classes][classes];
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                for (int j = 1; j < d; j++) {
                    gram[k][l] += coef[k * d + j] * coef[l * d + j];
                }
            }
        }
        double[] v = gram[0];
        for (double[] row : gram) {
            v = norm(row) > norm(v) ? row : v;
        }
        double[] u = new double[p];
        if (norm(v) == 0) {
            if (p > 0) {
                u[0] = 1;
            }
            return u;
        }
        for (int it = 0; it < 500; it++) {
            double[] next = new double[classes];
            for (int k = 0; k < classes; k++) {
                for (int l = 0; l < classes; l++) {
                    next[k] += gram[k][l] * v[l];
                }
            }
            double length = norm(next);
            for (int k = 0; k < classes; k++) {
                next[k] /= length;
            }
            v = next;
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < classes; k++) {
                u[j] += coef[k * d + 1 + j] * v[k];
            }
        }
        double length = norm(u);
        for (int j = 0; j < p; j++) {
            u[j] /= length;
        }
        return u;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /**
     * The fit with the least validation cross-entropy, or the default penalty's fit without validation trials; of
     * rank one ({@link #fitRankOne}) where {@code rankOne}. The training rows are z-scored once for every penalty.
     */
    static Fit select(double[][] x, int[] y, int classes, List<Double> penalties, double[][] valX, int[] valY,
                      double defaultPenalty, int maxIterations, boolean rankOne) {
        Standardised s = Standardised.of(x);
        double[][] valZ = s.standardiseOthers(valX);
        Fit best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double penalty : valX.length == 0 ? List.<Double>of() : penalties) {
            Fit f = fit(s, y, classes, penalty, maxIterations, rankOne);
            double loss = summedCrossEntropy(f, valZ, valY) / valZ.length;
            if (loss < bestLoss) {
                bestLoss = loss;
                best = f;
            }
        }
        return best != null ? best : fit(s, y, classes, defaultPenalty, maxIterations, rankOne);
    }

    /**
     * The fit at the penalty whose fits to the other folds' training rows give the least summed cross-entropy on each
     * fold's held-out rows (row i in fold i mod {@code folds}; the first penalty of a tie), refitted to every row; the
     * default penalty's fit where there are fewer rows than folds. The rows are z-scored once over all of them, as the
     * model's fitted readouts are ({@code SessionOffsetFit}); of rank one where {@code rankOne}, which the folds score.
     */
    static Fit selectByCrossValidation(double[][] x, int[] y, int classes, List<Double> penalties, int folds,
                                       double defaultPenalty, int maxIterations, boolean rankOne) {
        Standardised s = Standardised.of(x);
        if (x.length < folds) {
            return fit(s, y, classes, defaultPenalty, maxIterations, rankOne);
        }
        double[] heldOut = new double[penalties.size()];
        for (int f = 0; f < folds; f++) {
            int heldOutFold = f;
            IntPredicate inFold = i -> i % folds == heldOutFold;
            Standardised training = s.rows(inFold.negate());
            int[] trainingLabels = labels(y, inFold.negate());
            double[][] fold = s.rows(inFold).z();
            int[] foldLabels = labels(y, inFold);
            for (int k = 0; k < penalties.size(); k++) {
                Fit fit = fit(training, trainingLabels, classes, penalties.get(k), maxIterations, rankOne);
                heldOut[k] += summedCrossEntropy(fit, fold, foldLabels);
            }
        }
        int best = 0;
        for (int k = 1; k < heldOut.length; k++) {
            best = heldOut[k] < heldOut[best] ? k : best;
        }
        return fit(s, y, classes, penalties.get(best), maxIterations, rankOne);
    }

    private static double[][] rows(double[][] x, IntPredicate keep) {
        return IntStream.range(0, x.length).filter(keep).mapToObj(i -> x[i]).toArray(double[][]::new);
    }

    private static int[] labels(int[] y, IntPredicate keep) {
        return IntStream.range(0, y.length).filter(keep).map(i -> y[i]).toArray();
    }

    /** The cross-entropy summed over standardised rows. */
    private static double summedCrossEntropy(Fit f, double[][] z, int[] y) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += crossEntropyOf(linear(f, z[i]), y[i]);
        }
        return sum;
    }

    private static double objective(Fit f, double[][] z, int[] y) {
        double sum = summedCrossEntropy(f, z, y);
        int d = f.mean().length + 1;
        double penalty = 0;
        for (int k = 0; k < f.classes(); k++) {
            for (int j = 0; j < d; j++) {
                double c = f.coef()[k * d + j];
                penalty += (j == 0 ? INTERCEPT_PENALTY : f.penalty()) * c * c;
            }
        }
        return sum / z.length + penalty;
    }

    private static void derivatives(Fit f, double[][] z, int[] y, double[] grad, double[] hess) {
        int d = f.mean().length + 1;
        int classes = f.classes();
        int size = classes * d;
        double[] xt = new double[d];
        double invN = 1.0 / z.length;
        for (int i = 0; i < z.length; i++) {
            double[] prob = probabilities(linear(f, z[i]));
            xt[0] = 1;
            System.arraycopy(z[i], 0, xt, 1, d - 1);
            for (int k = 0; k < classes; k++) {
                double residual = prob[k] - (y[i] == k ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    grad[k * d + j] += invN * residual * xt[j];
                }
                for (int l = 0; l < classes; l++) {
                    double w = invN * prob[k] * ((k == l ? 1 : 0) - prob[l]);
                    for (int a = 0; a < d; a++) {
                        double wa = w * xt[a];
                        int row = (k * d + a) * size + l * d;
                        for (int b = 0; b < d; b++) {
                            hess[row + b] += wa * xt[b];
                        }
                    }
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                int idx = k * d + j;
                double lambda = j == 0 ? INTERCEPT_PENALTY : f.penalty();
                grad[idx] += 2 * lambda * f.coef()[idx];
                hess[idx * size + idx] += 2 * lambda;
            }
        }
    }

    /** η_k of every class from a standardised row. */
    private static double[] linear(Fit f, double[] z) {
        int d = z.length + 1;
        double[] eta = new double[f.classes()];
        for (int k = 0; k < eta.length; k++) {
            double s = f.coef()[k * d];
            for (int j = 0; j < z.length; j++) {
                s += f.coef()[k * d + 1 + j] * z[j];
            }
            eta[k] = s;
        }
        return eta;
    }

    /** Softmax over (η_0, …, η_{K−1}). */
    private static double[] probabilities(double[] eta) {
        double max = max(eta);
        double[] p = new double[eta.length];
        double sum = 0;
        for (int k = 0; k < eta.length; k++) {
            p[k] = Math.exp(eta[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static double crossEntropyOf(double[] eta, int label) {
        double max = max(eta);
        double sum = 0;
        for (double e : eta) {
            sum += Math.exp(e - max);
        }
        return max + Math.log(sum) - eta[label];
    }

    private static double max(double[] eta) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : eta) {
            max = Math.max(max, e);
        }
        return max;
    }

    private static void standardisation(double[][] x, double[] mean, double[] scale) {
        int n = x.length;
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                double e = row[j] - mean[j];
                scale[j] += e * e / n;
            }
        }
        for (int j = 0; j < scale.length; j++) {
            scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 0;
        }
    }

    private static double[][] standardiseRows(double[][] x, double[] mean, double[] scale) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = standardise(x[i], mean, scale);
        }
        return z;
    }

    private static double[] standardise(double[] x, double[] mean, double[] scale) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = scale[j] == 0 ? 0 : (x[j] - mean[j]) / scale[j];
        }
        return z;
    }
}
