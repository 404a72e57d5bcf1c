package org.nedsj.model.modality;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Fits one session's offsets {@code (W_s, b_s)} to a class head's logits {@code x·W + b}: multinomial
 * logistic regression of the session's tokens on their head inputs with the shared head's logits as a
 * fixed offset, {@code mean CE(x·(W + W_s) + b + b_s) + λ·|W_s|²}. The penalty pulls each session
 * towards the shared head; it is chosen among {@link #PENALTIES} by cross-validation on the session's
 * training tokens ({@value #FOLDS} folds, by cross-entropy), and where no penalty beats the shared head
 * alone the session keeps zero offsets. Solved by damped Newton steps (the problem is convex and small:
 * (H + 1)·C unknowns).
 */
final class SessionOffsetFit {

    static final double[] PENALTIES = {1e-4, 1e-3, 1e-2, 1e-1, 1};
    static final int FOLDS = 5;
    /** A ridge on the class offsets b_s: the logits are unchanged by adding one number to every class. */
    private static final double BIAS_RIDGE = 1e-6;
    private static final int MAX_STEPS = 50;
    /** At most this many alternations of the rank-one fit (a numpy replica on a demo run's sessions settled in 5–35). */
    static final int RANK_ONE_ROUNDS = 100;

    private final double[][] x;
    private final double[][] base;
    private final int[] label;
    private final int classes;
    private final int features;
    /** Where the fit works on z-scored inputs: each input's mean and standard deviation over the tokens; else null. */
    private final double[] mean;
    private final double[] scale;
    /** Whether the offsets are held to one discriminant direction ({@link #rankOne}). */
    private final boolean rankOne;

    /**
     * @param x     each token's head input
     * @param base  each token's logits from the shared head
     * @param label each token's true class
     */
    SessionOffsetFit(double[][] x, double[][] base, int[] label, int classes) {
        this(x, base, label, classes, null, null);
    }

    private SessionOffsetFit(double[][] x, double[][] base, int[] label, int classes, double[] mean, double[] scale) {
        this(x, base, label, classes, mean, scale, false);
    }

    private SessionOffsetFit(double[][] x, double[][] base, int[] label, int classes, double[] mean, double[] scale,
                             boolean rankOne) {
        this.rankOne = rankOne;
        this.x = x;
        this.base = base;
        this.label = label;
        this.classes = classes;
        this.features = x.length == 0 ? 0 : x[0].length;
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * A fit on the inputs z-scored over these tokens, as the logistic baseline fits its decoders: the penalty
     * then weighs every input alike, whatever its spread (a head input of the transformer's normalised
     * output and the mean of its input tokens differ in scale). {@link #fit} returns the offsets of the raw
     * inputs all the same. An input that does not vary is left centred and unscaled.
     */
    static SessionOffsetFit standardising(double[][] x, double[][] base, int[] label, int classes) {
        int p = x.length == 0 ? 0 : x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (double[] row : x) {
            for (int k = 0; k < p; k++) {
                mean[k] += row[k] / x.length;
            }
        }
        for (double[] row : x) {
            for (int k = 0; k < p; k++) {
                scale[k] += (row[k] - mean[k]) * (row[k] - mean[k]) / x.length;
            }
        }
        for (int k = 0; k < p; k++) {
            scale[k] = scale[k] > 1e-12 ? Math.sqrt(scale[k]) : 1;
        }
        double[][] z = new double[x.length][p];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < p; k++) {
                z[i][k] = (x[i][k] - mean[k]) / scale[k];
            }
        }
        return new SessionOffsetFit(z, base, label, classes, mean, scale);
    }

    /**
     * The same fit with its offsets held to rank one, {@code W_s = u·φᵀ}: one direction u of the inputs, read by each
     * class with its own weight φ_c, as suits classes that are ordered levels of one variable (block's prior) — the
     * stereotype model of ordered classes. At a penalty λ it minimises the full objective over u, φ and the class
     * offsets, its penalty λ·|u·φᵀ|² = λ·|u|²·|φ|² (not convex in u and φ together; convex in either alone): started
     * from the full fit's leading left singular vector u with φ and the class offsets of the projection x·u fitted
     * at λ, then alternately u with the class offsets (φ held) and φ with the class offsets (u held), each by Newton's
     * method, until the objective stops falling ({@link #RANK_ONE_ROUNDS} at most); cross-validation scores this fit.
     * Two classes' full fit is already of rank one and comes back unchanged. With three classes it has H + 2·3 numbers
     * against the full fit's (H + 1)·3.
     */
    SessionOffsetFit rankOne() {
        return new SessionOffsetFit(x, base, label, classes, mean, scale, true);
    }

    /** The penalty cross-validation picks, or NaN where the shared head alone (zero offsets) does best. */
    double choosePenalty() {
        if (x.length < FOLDS) {
            return Double.NaN;
        }
        // the folds are independent (a session fitted alone, as a held-out one is, gets the cores this way);
        // their cross-entropies are summed in fold order, so the choice does not depend on the thread count
        double[][] folds = IntStream.range(0, FOLDS).parallel().mapToObj(this::heldOutCrossEntropies)
                .toArray(double[][]::new);
        double shared = 0;
        double[] heldOut = new double[PENALTIES.length];
        for (double[] fold : folds) {
            shared += fold[PENALTIES.length];
            for (int k = 0; k < PENALTIES.length; k++) {
                heldOut[k] += fold[k];
            }
        }
        double best = shared;
        double chosen = Double.NaN;
        for (int k = 0; k < PENALTIES.length; k++) {
            if (heldOut[k] < best) {
                best = heldOut[k];
                chosen = PENALTIES[k];
            }
        }
        return chosen;
    }

    /**
     * Fold f's summed cross-entropy of its held-out tokens under each penalty's fit to the other folds'
     * tokens, then (the last entry) under the shared head alone.
     */
    private double[] heldOutCrossEntropies(int f) {
        boolean[] train = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            train[i] = i % FOLDS != f;
        }
        double[] out = new double[PENALTIES.length + 1];
        double[] zero = new double[size()];
        for (int i = f; i < x.length; i += FOLDS) {
            out[PENALTIES.length] += crossEntropy(zero, i);
        }
        // from the strongest penalty down, each solve starting from the last one's solution
        double[] theta = zero;
        for (int k = PENALTIES.length - 1; k >= 0; k--) {
            theta = solve(PENALTIES[k], train, theta);
            double[] scored = rankOne ? rankOneOf(theta, PENALTIES[k], train) : theta;
            for (int i = f; i < x.length; i += FOLDS) {
                out[k] += crossEntropy(scored, i);
            }
        }
        return out;
    }

    /**
     * The offsets minimising the penalised loss on every token: {@code [H + 1][C]}, the last row b_s; of the
     * raw inputs, where the fit z-scored them.
     */
    double[][] fit(double penalty) {
        boolean[] all = new boolean[x.length];
        Arrays.fill(all, true);
        double[] theta = solve(penalty, all, new double[size()]);
        double[][] offsets = unpack(rankOne ? rankOneOf(theta, penalty, all) : theta);
        return mean == null ? offsets : unstandardised(offsets);
    }

    /**
     * The rank-one offsets at {@code penalty} on the rows {@code use}, started from the full fit {@code theta}: its
     * weights' leading direction u with φ and the class offsets of x·u, then the alternation of {@link #rankOne}.
     */
    private double[] rankOneOf(double[] theta, double penalty, boolean[] use) {
        Along fitted = alongDirection(leadingDirection(unpack(theta), features, classes), penalty, use);
        if (classes < 3 || features == 0) {
            return fitted.offsets();
        }
        double loss = objective(fitted.offsets(), penalty, use, null);
        for (int round = 0; round < RANK_ONE_ROUNDS && dot(fitted.phi(), fitted.phi()) > 0; round++) {
            Along next = alongDirection(directionGiven(fitted, penalty, use), penalty, use);
            double nextLoss = objective(next.offsets(), penalty, use, null);
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
        return fitted.offsets();
    }

    /** Rank-one offsets u·φᵀ and b_s ({@code offsets}, laid out as the full fit's), with their u (unit) and φ. */
    private record Along(double[] u, double[] phi, double[] offsets) {
    }

    /** The offsets u·φᵀ and b_s with φ and b_s those of x·u fitted at {@code penalty} on the rows {@code use}. */
    private Along alongDirection(double[] u, double penalty, boolean[] use) {
        int n = 0;
        for (boolean b : use) {
            n += b ? 1 : 0;
        }
        double[][] projection = new double[n][1];
        double[][] rowsBase = new double[n][];
        int[] rowsLabel = new int[n];
        for (int i = 0, r = 0; i < x.length; i++) {
            if (use[i]) {
                projection[r][0] = dot(x[i], u);
                rowsBase[r] = base[i];
                rowsLabel[r++] = label[i];
            }
        }
        double[][] along = new SessionOffsetFit(projection, rowsBase, rowsLabel, classes).fit(penalty);
        double[] v = Arrays.copyOf(u, features + classes);
        System.arraycopy(along[1], 0, v, features, classes);
        return new Along(u, along[0], offsetsOf(v, along[0]));
    }

    /**
     * The direction step of the rank-one fit: with the class weights φ held, the u and class offsets b_s minimising
     * the objective of the offsets u·φᵀ and b_s, from {@code start}'s; the offsets are linear in (u, b_s), so the
     * objective is convex in them. Returns u scaled to unit length (φ then takes up its length when fitted again), or
     * {@code start}'s where the step ends at zero.
     */
    private double[] directionGiven(Along start, double penalty, boolean[] use) {
        double[] phi = start.phi();
        double[] v0 = Arrays.copyOf(start.u(), features + classes);
        System.arraycopy(start.offsets(), features * classes, v0, features, classes);
        double[] v = newton(v0, w -> objective(offsetsOf(w, phi), penalty, use, null),
                (w, gradient) -> directionDerivatives(w, phi, penalty, use, gradient));
        double[] u = Arrays.copyOf(v, features);
        double norm = Math.sqrt(dot(u, u));
        if (norm == 0) {
            return start.u();
        }
        for (int k = 0; k < features; k++) {
            u[k] /= norm;
        }
        return u;
    }

    /**
     * The gradient (into {@code g}) and Hessian of the objective in v = (u, b_s) with φ held. Token i's logits move by
     * φ·(x_i·du) + db_s, so with e = p − y and w = diag(p) − p·pᵀ its terms are (φ·e)·x_i and e, and
     * (φᵀwφ)·x_i·x_iᵀ, x_i·(wφ)ᵀ and w; the penalty adds 2λ|φ|²·u and 2λ|φ|² on the diagonal, the ridge of b_s likewise.
     */
    private double[][] directionDerivatives(double[] v, double[] phi, double penalty, boolean[] use, double[] g) {
        int n = features + classes;
        double[][] h = new double[n][n];
        double[] theta = offsetsOf(v, phi);
        double[] p = new double[classes];
        double[] wPhi = new double[classes];
        int tokens = 0;
        for (int i = 0; i < x.length; i++) {
            if (!use[i]) {
                continue;
            }
            tokens++;
            probabilities(theta, i, p);
            double pPhi = dot(p, phi);
            double phiE = pPhi - phi[label[i]];
            double q = 0;
            for (int c = 0; c < classes; c++) {
                wPhi[c] = p[c] * (phi[c] - pPhi);
                q += phi[c] * wPhi[c];
            }
            double[] xi = x[i];
            for (int k = 0; k < features; k++) {
                g[k] += phiE * xi[k];
                double qx = q * xi[k];
                double[] row = h[k];
                for (int l = 0; l <= k; l++) {
                    row[l] += qx * xi[l];
                }
                for (int c = 0; c < classes; c++) {
                    h[features + c][k] += xi[k] * wPhi[c];
                }
            }
            for (int c = 0; c < classes; c++) {
                g[features + c] += p[c] - (label[i] == c ? 1 : 0);
                for (int e = 0; e <= c; e++) {
                    h[features + c][features + e] += p[c] * ((c == e ? 1 : 0) - p[e]);
                }
            }
        }
        double scale = 1.0 / Math.max(tokens, 1);
        double phiSquared = dot(phi, phi);
        for (int r = 0; r < n; r++) {
            double ridge = 2 * (r < features ? penalty * phiSquared : BIAS_RIDGE);
            g[r] = g[r] * scale + ridge * v[r];
            for (int c = 0; c <= r; c++) {
                h[r][c] *= scale;
                h[c][r] = h[r][c];
            }
            h[r][r] += ridge;
        }
        return h;
    }

    /** The offsets u·φᵀ and b_s of {@code v} = (u, b_s). */
    private double[] offsetsOf(double[] v, double[] phi) {
        double[] theta = new double[size()];
        for (int k = 0; k < features; k++) {
            for (int c = 0; c < classes; c++) {
                theta[k * classes + c] = v[k] * phi[c];
            }
        }
        System.arraycopy(v, features, theta, features * classes, classes);
        return theta;
    }

    /**
     * The unit vector u of the features along which the weights {@code w} ([features + 1][classes], the last row
     * the class offsets, left out) vary most: the leading left singular vector, {@code w·v / |w·v|} for v the
     * leading eigenvector of the classes' {@code wᵀw} (by power iteration from its largest row). Zero weights give
     * the first feature's axis.
     */
    private static double[] leadingDirection(double[][] w, int features, int classes) {
        double[][] gram = new double[classes][classes];
        for (int k = 0; k < features; k++) {
            for (int c = 0; c < classes; c++) {
                for (int e = 0; e < classes; e++) {
                    gram[c][e] += w[k][c] * w[k][e];
                }
            }
        }
        double[] v = gram[0].clone();
        for (double[] row : gram) {
            if (dot(row, row) > dot(v, v)) {
                v = row.clone();
            }
        }
        double[] u = new double[features];
        if (dot(v, v) == 0) {
            if (features > 0) {
                u[0] = 1;
            }
            return u;
        }
        for (int it = 0; it < 500; it++) {
            double[] next = new double[classes];
            for (int c = 0; c < classes; c++) {
                next[c] = dot(gram[c], v);
            }
            double norm = Math.sqrt(dot(next, next));
            for (int c = 0; c < classes; c++) {
                next[c] /= norm;
            }
            v = next;
        }
        for (int k = 0; k < features; k++) {
            u[k] = dot(w[k], v);
        }
        double norm = Math.sqrt(dot(u, u));
        for (int k = 0; k < features; k++) {
            u[k] /= norm;
        }
        return u;
    }

    /** Offsets of z-scored inputs as offsets of the raw ones: w / scale, and b − Σ mean·w / scale. */
    private double[][] unstandardised(double[][] offsets) {
        double[][] out = new double[features + 1][classes];
        out[features] = offsets[features].clone();
        for (int k = 0; k < features; k++) {
            for (int c = 0; c < classes; c++) {
                out[k][c] = offsets[k][c] / scale[k];
                out[features][c] -= mean[k] * out[k][c];
            }
        }
        return out;
    }

    /** The penalised mean cross-entropy on the chosen tokens, and its gradient into {@code gradient} when not null. */
    double objective(double[] theta, double penalty, boolean[] use, double[] gradient) {
        int n = 0;
        double loss = 0;
        if (gradient != null) {
            Arrays.fill(gradient, 0);
        }
        double[] p = new double[classes];
        for (int i = 0; i < x.length; i++) {
            if (!use[i]) {
                continue;
            }
            n++;
            loss += probabilities(theta, i, p);
            if (gradient != null) {
                for (int c = 0; c < classes; c++) {
                    double e = p[c] - (label[i] == c ? 1 : 0);
                    for (int k = 0; k < features; k++) {
                        gradient[k * classes + c] += e * x[i][k];
                    }
                    gradient[features * classes + c] += e;
                }
            }
        }
        double scale = 1.0 / Math.max(n, 1);
        loss *= scale;
        for (int j = 0; j < size(); j++) {
            double ridge = j < features * classes ? penalty : BIAS_RIDGE;
            loss += ridge * theta[j] * theta[j];
            if (gradient != null) {
                gradient[j] = gradient[j] * scale + 2 * ridge * theta[j];
            }
        }
        return loss;
    }

    private double[] solve(double penalty, boolean[] use, double[] start) {
        return newton(start, theta -> objective(theta, penalty, use, null), (theta, gradient) -> {
            objective(theta, penalty, use, gradient);
            return hessian(theta, penalty, use);
        });
    }

    /** The gradient of a problem into {@code gradient}, and its Hessian, at {@code v}. */
    private interface Derivatives {
        double[][] at(double[] v, double[] gradient);
    }

    /**
     * Newton's method on a convex problem from {@code start}: each step halved until it falls enough (Armijo, 1/4 of
     * the predicted decrease), {@value #MAX_STEPS} steps at most, stopping where the predicted decrease is below 1e-14.
     */
    private static double[] newton(double[] start, ToDoubleFunction<double[]> loss, Derivatives derivatives) {
        double[] v = start.clone();
        double current = loss.applyAsDouble(v);
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] gradient = new double[v.length];
            double[] direction = Cholesky.solve(derivatives.at(v, gradient), gradient);
            double decrease = dot(gradient, direction);
            if (decrease < 1e-14) {
                break;
            }
            double[] next = new double[v.length];
            double nextLoss;
            for (double t = 1; ; t /= 2) {
                for (int j = 0; j < v.length; j++) {
                    next[j] = v[j] - t * direction[j];
                }
                nextLoss = loss.applyAsDouble(next);
                if (nextLoss <= current - 0.25 * t * decrease || t < 1e-10) {
                    break;
                }
            }
            v = next;
            current = nextLoss;
        }
        return v;
    }

    private double[][] hessian(double[] theta, double penalty, boolean[] use) {
        int size = size();
        double[][] h = new double[size][size];
        double[] p = new double[classes];
        double[] a = new double[features + 1];
        double[] w = new double[classes * classes];
        double[] scaled = new double[classes];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!use[i]) {
                continue;
            }
            n++;
            probabilities(theta, i, p);
            System.arraycopy(x[i], 0, a, 0, features);
            a[features] = 1;
            for (int c = 0; c < classes; c++) {
                for (int e = 0; e < classes; e++) {
                    w[c * classes + e] = p[c] * ((c == e ? 1 : 0) - p[e]);
                }
            }
            addLowerTriangle(h, a, w, scaled);
        }
        double scale = 1.0 / Math.max(n, 1);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c <= r; c++) {
                h[r][c] *= scale;
                h[c][r] = h[r][c];
            }
            h[r][r] += 2 * (r < features * classes ? penalty : BIAS_RIDGE);
        }
        return h;
    }

    /**
     * One token's term of the Hessian, (a·aᵀ) ⊗ w with w = diag(p) − p·pᵀ, on and below the diagonal:
     * h[k·C + c][l·C + e] += a_k · a_l · w[c][e]; {@code scaled} is scratch of C values.
     */
    private void addLowerTriangle(double[][] h, double[] a, double[] w, double[] scaled) {
        for (int k = 0; k <= features; k++) {
            for (int c = 0; c < classes; c++) {
                double[] row = h[k * classes + c];
                for (int e = 0; e < classes; e++) {
                    scaled[e] = a[k] * w[c * classes + e];
                }
                for (int l = 0; l < k; l++) {
                    for (int e = 0; e < classes; e++) {
                        row[l * classes + e] += a[l] * scaled[e];
                    }
                }
                for (int e = 0; e <= c; e++) {
                    row[k * classes + e] += a[k] * scaled[e];
                }
            }
        }
    }

    /** Fills {@code p} with token i's class probabilities under the offsets; returns its cross-entropy. */
    private double probabilities(double[] theta, int i, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = base[i][c] + theta[features * classes + c];
            for (int k = 0; k < features; k++) {
                z += x[i][k] * theta[k * classes + c];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double total = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(p[c] - max);
            total += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= total;
        }
        return -Math.log(Math.max(p[label[i]], 1e-300));
    }

    /** Summed cross-entropy of every token under the offsets {@code [H + 1][C]} (the last row b_s) of its inputs as given. */
    double totalCrossEntropy(double[][] offsets) {
        if (mean != null) {
            throw new IllegalStateException("the inputs of a standardising fit are z-scored; score offsets on a plain one");
        }
        double[] theta = new double[size()];
        for (int k = 0; k <= features; k++) {
            System.arraycopy(offsets[k], 0, theta, k * classes, classes);
        }
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            total += crossEntropy(theta, i);
        }
        return total;
    }

    private double crossEntropy(double[] theta, int i) {
        return probabilities(theta, i, new double[classes]);
    }

    private int size() {
        return (features + 1) * classes;
    }

    private double[][] unpack(double[] theta) {
        double[][] out = new double[features + 1][classes];
        for (int k = 0; k <= features; k++) {
            System.arraycopy(theta, k * classes, out[k], 0, classes);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
