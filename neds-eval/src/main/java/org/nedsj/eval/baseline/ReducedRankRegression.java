package org.nedsj.eval.baseline;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reduced-rank ridge regression across sessions: session s predicts its targets Y_s (rows × q) from
 * its own features X_s (rows × p_s) as Y_s ≈ 1·b_sᵀ + Z_s·U_s·V, where Z_s is X_s z-scored with the
 * session's training means and deviations, U_s (p_s × r) is the session's own weight matrix and V
 * (r × q, orthonormal rows) a basis of the targets shared by every session.
 *
 * <p>The fit minimises Σ_s ‖Y_s − b_s − Z_s·U_s·V‖² + n_s·λ·‖U_s·V‖² exactly (Mukherjee and Zhu's
 * reduced-rank ridge regression, stacked over sessions): with B̂_s the session's ridge solution, the
 * rank-r solution is B̂_s·Vᵀ·V where the rows of V are the top r right singular vectors of the stacked
 * augmented fitted values [Z_s·B̂_s; √(n_sλ)·B̂_s], i.e. the top eigenvectors of Σ_s (Z_s·B̂_s)ᵀ·Y_s.
 * Ridge solutions are computed in the dual (n_s × n_s, through one LAPACK eigen-decomposition of Z_s·Z_sᵀ
 * per session), since a trial's features usually outnumber a session's trials.
 */
final class ReducedRankRegression {

    private ReducedRankRegression() {
    }

    /**
     * One session's rows.
     *
     * @param x features, rows × features row-major
     * @param y targets, rows × q row-major
     */
    record Block(double[] x, double[] y, int rows, int features) {
        Block {
            if (x.length != (long) rows * features || (rows > 0 && y.length % rows != 0)) {
                throw new IllegalArgumentException("block of " + rows + " rows × " + features + " features holds "
                        + x.length + " feature values and " + y.length + " target values");
            }
        }
    }

    /** A session's weights: prediction = intercept + Σ_j weights[j, ·]·(x_j − mean_j)/scale_j. */
    record SessionWeights(double[] mean, double[] scale, double[] weights, double[] intercept) {

        void predict(double[] x, int offset, double[] out) {
            int q = intercept.length;
            System.arraycopy(intercept, 0, out, 0, q);
            for (int j = 0; j < mean.length; j++) {
                if (scale[j] == 0) {
                    continue;
                }
                double z = (x[offset + j] - mean[j]) / scale[j];
                if (z == 0) {
                    continue;
                }
                for (int k = 0; k < q; k++) {
                    out[k] += weights[j * q + k] * z;
                }
            }
        }
    }

    /**
     * @param basis            r × q row-major, orthonormal rows (the shared basis V)
     * @param validationError  mean squared error per target value on the validation rows, NaN without them
     */
    record Fit(int rank, double penalty, double[] basis, List<SessionWeights> sessions, double validationError) {
    }

    /** The rank-{@code rank} fit with penalty {@code penalty}. */
    static Fit fit(List<Block> train, int q, int rank, double penalty) {
        List<SessionRidge> ridges = ridges(train, q);
        double[][] basis = sharedBasis(ridges, q, penalty);
        return assemble(ridges, penalty, basis, rank, q, Double.NaN);
    }

    /**
     * The (rank, penalty) pair with the least validation MSE over every candidate, each rank capped at
     * q; {@code defaultRank} and {@code defaultPenalty} when no session has validation rows.
     *
     * @param validation one block per training block, same sessions in the same order
     */
    static Fit select(List<Block> train, List<Block> validation, int q, List<Integer> ranks, List<Double> penalties,
                      int defaultRank, double defaultPenalty) {
        if (validation.stream().mapToInt(Block::rows).sum() == 0) {
            return fit(train, q, Math.min(defaultRank, q), defaultPenalty);
        }
        List<SessionRidge> ridges = ridges(train, q);
        double bestError = Double.POSITIVE_INFINITY;
        double bestPenalty = penalties.get(0);
        int bestRank = 1;
        for (double penalty : penalties) {
            double[][] basis = sharedBasis(ridges, q, penalty);
            List<double[]> ridgePredictions = new ArrayList<>();
            for (int s = 0; s < ridges.size(); s++) {
                ridgePredictions.add(ridges.get(s).centredPredictions(validation.get(s), penalty));
            }
            for (int rank : ranks.stream().map(r -> Math.min(r, q)).distinct().toList()) {
                double error = validationError(ridges, validation, ridgePredictions, basis, rank, q);
                if (error < bestError) {
                    bestError = error;
                    bestPenalty = penalty;
                    bestRank = rank;
                }
            }
        }
        return assemble(ridges, bestPenalty, sharedBasis(ridges, q, bestPenalty), bestRank, q, bestError);
    }

    private static List<SessionRidge> ridges(List<Block> train, int q) {
        var out = new ArrayList<SessionRidge>();
        for (Block b : train) {
            out.add(SessionRidge.of(b, q));
        }
        return out;
    }

    /** Eigenvectors of Σ_s (Z_s·B̂_s)ᵀ·Y_s, as rows, by descending eigenvalue. */
    private static double[][] sharedBasis(List<SessionRidge> ridges, int q, double penalty) {
        double[] cross = new double[q * q];
        for (SessionRidge r : ridges) {
            r.addFittedCross(penalty, cross);
        }
        for (int i = 0; i < q; i++) {
            for (int j = i + 1; j < q; j++) {
                double m = 0.5 * (cross[i * q + j] + cross[j * q + i]);
                cross[i * q + j] = m;
                cross[j * q + i] = m;
            }
        }
        double[] vectors = SymmetricEigenDecomposition.of(cross, q).vectors();
        double[][] rows = new double[q][q];
        for (int k = 0; k < q; k++) {
            for (int j = 0; j < q; j++) {
                rows[k][j] = vectors[j * q + k];
            }
        }
        return rows;
    }

    private static double validationError(List<SessionRidge> ridges, List<Block> validation, List<double[]> ridgePredictions,
                                          double[][] basis, int rank, int q) {
        double sum = 0;
        long count = 0;
        double[] projected = new double[q];
        for (int s = 0; s < ridges.size(); s++) {
            Block v = validation.get(s);
            double[] p = ridgePredictions.get(s);
            for (int i = 0; i < v.rows(); i++) {
                project(p, i * q, basis, rank, projected);
                for (int k = 0; k < q; k++) {
                    double e = ridges.get(s).intercept[k] + projected[k] - v.y()[i * q + k];
                    sum += e * e;
                }
                count += q;
            }
        }
        return sum / count;
    }

    /** out = row·Vᵣᵀ·Vᵣ for the row of q values at {@code row[offset…]}. */
    private static void project(double[] row, int offset, double[][] basis, int rank, double[] out) {
        int q = out.length;
        java.util.Arrays.fill(out, 0);
        for (int r = 0; r < rank; r++) {
            double c = 0;
            for (int k = 0; k < q; k++) {
                c += row[offset + k] * basis[r][k];
            }
            for (int k = 0; k < q; k++) {
                out[k] += c * basis[r][k];
            }
        }
    }

    private static Fit assemble(List<SessionRidge> ridges, double penalty, double[][] basis, int rank, int q, double error) {
        double[] v = new double[rank * q];
        for (int r = 0; r < rank; r++) {
            System.arraycopy(basis[r], 0, v, r * q, q);
        }
        var sessions = new ArrayList<SessionWeights>();
        for (SessionRidge r : ridges) {
            double[] ridge = r.weights(penalty);
            double[] w = new double[ridge.length];
            double[] projected = new double[q];
            for (int j = 0; j < r.features; j++) {
                project(ridge, j * q, basis, rank, projected);
                System.arraycopy(projected, 0, w, j * q, q);
            }
            sessions.add(new SessionWeights(r.mean, r.scale, w, r.intercept));
        }
        return new Fit(rank, penalty, v, List.copyOf(sessions), error);
    }

    /**
     * One session's ridge problem in the dual: Z·Zᵀ = Q·diag(μ)·Qᵀ once, then for each λ the dual
     * coefficients α = Q·diag(1/(μ + nλ))·Qᵀ·Y and the weights B̂ = Zᵀ·α.
     */
    private static final class SessionRidge {
        final int rows;
        final int features;
        final int q;
        final double[] mean;
        final double[] scale;
        final double[] intercept;
        final INDArray z;
        final INDArray centred;
        final INDArray gram;
        final INDArray eigenvectors;
        final double[] eigenvalues;
        final INDArray projectedTargets;
        private double cachedPenalty = Double.NaN;
        private double[] cachedWeights;

        private SessionRidge(Block b, int q) {
            this.rows = b.rows();
            this.features = b.features();
            this.q = q;
            this.mean = new double[features];
            this.scale = new double[features];
            this.intercept = new double[q];
            double[] zs = standardised(b);
            double[] y = new double[rows * q];
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < q; k++) {
                    intercept[k] += b.y()[i * q + k] / rows;
                }
            }
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < q; k++) {
                    y[i * q + k] = b.y()[i * q + k] - intercept[k];
                }
            }
            this.z = Nd4j.create(zs, new long[] {rows, features}, DataType.DOUBLE);
            this.centred = Nd4j.create(y, new long[] {rows, q}, DataType.DOUBLE);
            this.gram = z.mmul(z.transpose());
            SymmetricEigenDecomposition e = SymmetricEigenDecomposition.of(gram.dup('c').data().asDouble(), rows);
            this.eigenvalues = e.values();
            this.eigenvectors = Nd4j.create(e.vectors(), new long[] {rows, rows}, DataType.DOUBLE);
            this.projectedTargets = eigenvectors.transpose().mmul(centred);
        }

        static SessionRidge of(Block b, int q) {
            if (b.rows() == 0) {
                throw new IllegalArgumentException("reduced-rank regression: every session needs at least one training row");
            }
            return new SessionRidge(b, q);
        }

        private double[] standardised(Block b) {
            double[] x = b.x();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < features; j++) {
                    mean[j] += x[i * features + j] / rows;
                }
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < features; j++) {
                    double d = x[i * features + j] - mean[j];
                    scale[j] += d * d / rows;
                }
            }
            for (int j = 0; j < features; j++) {
                scale[j] = scale[j] > 1e-12 * (1 + mean[j] * mean[j]) ? Math.sqrt(scale[j]) : 0;
            }
            double[] out = new double[rows * features];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < features; j++) {
                    out[i * features + j] = scale[j] == 0 ? 0 : (x[i * features + j] - mean[j]) / scale[j];
                }
            }
            return out;
        }

        /** α = Q·diag(1/(μ + nλ))·Qᵀ·Y, rows × q. */
        INDArray dual(double penalty) {
            double[] shrinkage = new double[rows];
            for (int i = 0; i < rows; i++) {
                shrinkage[i] = 1.0 / (Math.max(eigenvalues[i], 0) + rows * penalty);
            }
            INDArray factors = Nd4j.create(shrinkage, new long[] {rows, 1}, DataType.DOUBLE);
            return eigenvectors.mmul(projectedTargets.mulColumnVector(factors));
        }

        /** B̂ = Zᵀ·α, features × q row-major (the last penalty's kept). */
        double[] weights(double penalty) {
            if (penalty != cachedPenalty) {
                cachedWeights = z.transpose().mmul(dual(penalty)).dup('c').data().asDouble();
                cachedPenalty = penalty;
            }
            return cachedWeights;
        }

        /** cross += (Z·B̂)ᵀ·Y. */
        void addFittedCross(double penalty, double[] cross) {
            INDArray fitted = gram.mmul(dual(penalty));
            double[] c = fitted.transpose().mmul(centred).dup('c').data().asDouble();
            for (int i = 0; i < c.length; i++) {
                cross[i] += c[i];
            }
        }

        /** Z_val·B̂ for the rows of {@code v} (without the intercept), rows × q row-major. */
        double[] centredPredictions(Block v, double penalty) {
            double[] w = weights(penalty);
            double[] out = new double[v.rows() * q];
            var weights = new SessionWeights(mean, scale, w, new double[q]);
            double[] row = new double[q];
            for (int i = 0; i < v.rows(); i++) {
                weights.predict(v.x(), i * features, row);
                System.arraycopy(row, 0, out, i * q, q);
            }
            return out;
        }
    }
}
