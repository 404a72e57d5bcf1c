package org.nedsj.model.modality;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One session's count readout refitted per neuron, pulled towards the trained readout. */
class SessionRateFitTest {

    private static final int FEATURES = 3;
    private static final double[][] TRUE_WEIGHTS = {{0.8, -0.5, 0.0}, {-0.4, 0.6, 0.0}, {0.3, 0.2, 0.0}};
    private static final double[] TRUE_BIAS = {-0.7, -1.2, -1.0};

    @Test
    void theMeanNllIsThePoissonLossWithoutTheFactorial() {
        INDArray x = Nd4j.createFromArray(new double[][]{{1}, {2}});
        INDArray y = Nd4j.createFromArray(new double[][]{{1}, {0}});
        INDArray readout = Nd4j.createFromArray(new double[][]{{0.5}, {-1}});
        // η = −0.5 and 0: (e^−0.5 + 0.5 + e^0 − 0) / 2
        assertEquals((Math.exp(-0.5) + 0.5 + 1) / 2, SessionRateFit.meanNll(x, y, readout)[0], 1e-12);
    }

    @Test
    void everyPenaltysReadoutIsWhereItsObjectiveIsFlat() {
        Sample s = sample(1500, 11);
        INDArray prior = prior();
        List<INDArray> path = new SessionRateFit(s.x, s.y, prior).path();

        assertEquals(SessionRateFit.PENALTIES.length, path.size());
        double[][] atPrior = gradient(s, prior.toDoubleMatrix(), prior.toDoubleMatrix(), 1);
        assertTrue(Math.abs(atPrior[0][0]) > 0.05, "the trained readout is some way off: " + atPrior[0][0]);
        for (int k = 0; k < path.size(); k++) {
            double[][] g = gradient(s, prior.toDoubleMatrix(), path.get(k).toDoubleMatrix(), SessionRateFit.PENALTIES[k]);
            for (int j = 0; j < 2; j++) {
                for (double[] row : g) {
                    assertEquals(0, row[j], 1e-6, "penalty " + SessionRateFit.PENALTIES[k] + ", neuron " + j);
                }
            }
        }
    }

    @Test
    void aWeakPenaltyRecoversTheWeightsThatMadeTheCountsAndAStrongOneStaysNearTheTrainedReadout() {
        Sample s = sample(6000, 12);
        INDArray prior = prior();
        List<INDArray> path = new SessionRateFit(s.x, s.y, prior).path();
        double[][] weakest = path.get(path.size() - 1).toDoubleMatrix();
        double[][] strongest = path.get(0).toDoubleMatrix();
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < FEATURES; k++) {
                assertEquals(TRUE_WEIGHTS[k][j], weakest[k][j], 0.08, "weight " + k + " of neuron " + j);
                double strongMove = Math.abs(strongest[k][j] - prior.getDouble(k, j));
                assertTrue(strongMove < Math.abs(weakest[k][j] - prior.getDouble(k, j)) + 1e-12,
                        "the strongest penalty moves weight " + k + " of neuron " + j + " less");
            }
            assertEquals(TRUE_BIAS[j], weakest[FEATURES][j], 0.08, "bias of neuron " + j);
        }
    }

    @Test
    void aNeuronThatNeverSpikedKeepsItsTrainedReadout() {
        Sample s = sample(300, 13);
        INDArray prior = prior();
        SessionRateFit fit = new SessionRateFit(s.x, s.y, prior);
        List<INDArray> path = fit.path();

        assertTrue(fit.spiking(0));
        assertFalse(fit.spiking(2));
        for (INDArray readout : path) {
            assertArrayEquals(prior.getColumn(2).toDoubleVector(), readout.getColumn(2).toDoubleVector(), 0.0);
        }
    }

    @Test
    void eachNeuronIsFittedAsIfAlone() {
        // the neurons are separate problems solved side by side, the silent one first here: a neuron that takes no
        // steps (or has converged, its Hessian no longer taken) must not change another's readout
        Sample s = sample(2000, 14);
        int[] order = {2, 0, 1};
        INDArray prior = prior().getColumns(order);
        List<INDArray> together = new SessionRateFit(s.x, s.y.getColumns(order), prior).path();
        for (int j = 1; j < order.length; j++) {
            List<INDArray> alone = new SessionRateFit(s.x, s.y.getColumns(order[j]), prior.getColumns(j)).path();
            for (int k = 0; k < together.size(); k++) {
                assertArrayEquals(alone.get(k).getColumn(0).toDoubleVector(), together.get(k).getColumn(j).toDoubleVector(),
                        1e-6, "neuron " + order[j] + ", penalty " + SessionRateFit.PENALTIES[k]);
            }
        }
    }

    @Test
    void theHessianSummedOverBlocksOfRowsGivesTheSamePath() {
        // 1,501 rows in blocks of 70 (10 pairwise products a row: features, bias, their products), the last one short
        Sample s = sample(1501, 15);
        INDArray prior = prior();
        SessionRateFit blocked = new SessionRateFit(s.x, s.y, prior, 700);
        SessionRateFit whole = new SessionRateFit(s.x, s.y, prior);
        assertTrue(blocked.blocked());
        assertFalse(whole.blocked());
        List<INDArray> a = blocked.path();
        List<INDArray> b = whole.path();
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(b.get(k).ravel().toDoubleVector(), a.get(k).ravel().toDoubleVector(), 1e-7, "penalty " + SessionRateFit.PENALTIES[k]);
        }
        double[][] g = gradient(s, prior.toDoubleMatrix(), a.get(a.size() - 1).toDoubleMatrix(), SessionRateFit.PENALTIES[a.size() - 1]);
        for (double[] row : g) {
            assertEquals(0, row[0], 1e-6);
        }
    }

    /** Counts of neurons 0 and 1 drawn from the true weights; neuron 2 silent. */
    private record Sample(INDArray x, INDArray y) {
    }

    private static Sample sample(int n, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][FEATURES];
        double[][] y = new double[n][3];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < FEATURES; k++) {
                x[r][k] = rng.nextGaussian();
            }
            for (int j = 0; j < 2; j++) {
                double eta = TRUE_BIAS[j];
                for (int k = 0; k < FEATURES; k++) {
                    eta += x[r][k] * TRUE_WEIGHTS[k][j];
                }
                y[r][j] = poisson(Math.exp(eta), rng);
            }
        }
        return new Sample(Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.createFromArray(y).castTo(DataType.FLOAT));
    }

    /** A trained readout some way off: [H + 1, N], the last row the bias. */
    private static INDArray prior() {
        return Nd4j.createFromArray(new double[][]{{0.1, 0.1, 0.3}, {0.0, 0.1, -0.2}, {0.0, 0.0, 0.1}, {-1.0, -1.0, -2.0}});
    }

    /** The gradient of neuron j's penalised mean NLL, by hand: [H + 1][N]. */
    private static double[][] gradient(Sample s, double[][] prior, double[][] beta, double penalty) {
        double[][] x = s.x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = s.y.castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = x.length;
        int neurons = beta[0].length;
        double[][] g = new double[FEATURES + 1][neurons];
        for (int j = 0; j < neurons; j++) {
            for (int r = 0; r < n; r++) {
                double eta = beta[FEATURES][j];
                for (int k = 0; k < FEATURES; k++) {
                    eta += x[r][k] * beta[k][j];
                }
                double residual = (Math.exp(eta) - y[r][j]) / n;
                for (int k = 0; k < FEATURES; k++) {
                    g[k][j] += residual * x[r][k];
                }
                g[FEATURES][j] += residual;
            }
            for (int k = 0; k < FEATURES; k++) {
                g[k][j] += 2 * penalty * (beta[k][j] - prior[k][j]);
            }
        }
        return g;
    }

    private static int poisson(double mean, Random rng) {
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
