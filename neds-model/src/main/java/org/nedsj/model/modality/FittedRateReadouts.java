package org.nedsj.model.modality;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A count decoder's readouts ({@code stitch_out_w}, {@code stitch_out_b} of {@link PoissonRateDecoder})
 * refitted after training, session by session: {@link SessionRateFit} on the session's training tokens
 * gives each neuron a readout for each penalty, and each neuron keeps whichever of those and its trained
 * readout has the lowest Poisson NLL on the session's validation tokens (a session without validation
 * tokens keeps its trained readouts). The validation tokens' mean NLL per scored count before and after is
 * reported; since the choice was made on them, the test split is where the fit is judged.
 */
final class FittedRateReadouts {

    private FittedRateReadouts() {
    }

    static ReadoutFit fit(CodecScope scope, HeadInputs training, HeadInputs validation, double initialLogRate) {
        INDArray w = scope.parameter("stitch_out_w");
        INDArray b = scope.parameter("stitch_out_b");
        int[] widths = scope.sessionWidths();
        Map<Integer, Double> penalties = new TreeMap<>();
        Map<Integer, String> notes = new TreeMap<>();
        double[] before = new double[2];
        double[] after = new double[2];
        Rows trainingInputs = Rows.of(training.inputs());
        Rows trainingCounts = Rows.of(training.truth());
        Rows validationInputs = Rows.of(validation.inputs());
        Rows validationCounts = Rows.of(validation.truth());
        for (int s : Arrays.stream(training.sessions()).distinct().sorted().toArray()) {
            int[] valRows = rowsOf(validation, s);
            if (valRows.length == 0) {
                notes.put(s, "kept the trained readout: no validation bins to choose on");
                continue;
            }
            int width = widths[s];
            int[] trainRows = rowsOf(training, s);
            INDArray prior = readout(SessionGroups.session(w, s), SessionGroups.session(b, s), width, initialLogRate);
            SessionRateFit fit = new SessionRateFit(trainingInputs.pick(trainRows), trainingCounts.pick(trainRows, width),
                    prior);
            Choice chosen = choose(prior, fit, validationInputs.pick(valRows), validationCounts.pick(valRows, width));
            write(chosen.readout(), SessionGroups.session(w, s), SessionGroups.session(b, s), initialLogRate);
            accumulate(before, chosen.trained(), valRows.length);
            accumulate(after, chosen.best(), valRows.length);
            notes.put(s, describe(chosen.penalty()));
            mostChosen(chosen.penalty()).ifPresent(p -> penalties.put(s, p));
        }
        return new ReadoutFit(penalties, before[0] / Math.max(before[1], 1), after[0] / Math.max(after[1], 1),
                !penalties.isEmpty(), "Poisson NLL", notes);
    }

    /**
     * Each neuron's readout, its validation NLL with the trained readout and with the one chosen, and the index in
     * {@link SessionRateFit#PENALTIES} of the penalty it took (−1: the trained readout kept).
     */
    private record Choice(INDArray readout, double[] trained, double[] best, int[] penalty) {
    }

    /** Each spiking neuron's readout among its trained one and the fit's path, by its NLL on the validation tokens. */
    private static Choice choose(INDArray prior, SessionRateFit fit, INDArray xv, INDArray yv) {
        double[] trained = SessionRateFit.meanNll(xv, yv, prior);
        List<INDArray> path = fit.path();
        INDArray chosen = prior.dup();
        double[] best = trained.clone();
        int[] penalty = new int[trained.length];
        Arrays.fill(penalty, -1);
        for (int k = 0; k < path.size(); k++) {
            double[] nll = SessionRateFit.meanNll(xv, yv, path.get(k));
            for (int j = 0; j < trained.length; j++) {
                if (fit.spiking(j) && nll[j] < best[j]) {
                    best[j] = nll[j];
                    penalty[j] = k;
                    chosen.putColumn(j, path.get(k).getColumn(j));
                }
            }
        }
        return new Choice(chosen, trained, best, penalty);
    }

    /** A session's readout as the fit lays it out: [H + 1, width], the last row the log-rate bias. */
    private static INDArray readout(INDArray w, INDArray b, int width, double initialLogRate) {
        int h = (int) w.size(0);
        INDArray out = Nd4j.create(DataType.DOUBLE, h + 1, width);
        out.get(NDArrayIndex.interval(0, h), NDArrayIndex.all())
                .assign(w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)));
        out.getRow(h).assign(b.get(NDArrayIndex.interval(0, width))).addi(initialLogRate);
        return out;
    }

    private static void write(INDArray readout, INDArray w, INDArray b, double initialLogRate) {
        int h = (int) w.size(0);
        int width = (int) readout.size(1);
        w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width))
                .assign(readout.get(NDArrayIndex.interval(0, h), NDArrayIndex.all()));
        b.get(NDArrayIndex.interval(0, width)).assign(readout.getRow(h).sub(initialLogRate));
    }

    /** Adds a session's per-neuron mean NLLs over {@code tokens} tokens to the sum of NLL per count and the count. */
    private static void accumulate(double[] total, double[] perNeuron, int tokens) {
        for (double v : perNeuron) {
            total[0] += v * tokens;
            total[1] += tokens;
        }
    }

    /** How many neurons took each penalty's fit, and how many kept the trained readout. */
    private static String describe(int[] choice) {
        int[] counts = tally(choice);
        long refitted = Arrays.stream(counts).sum();
        StringBuilder out = new StringBuilder();
        out.append(refitted).append(" of ").append(choice.length).append(" neurons refitted (");
        for (int k = 0; k < counts.length; k++) {
            out.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0e: %d",
                    SessionRateFit.PENALTIES[k], counts[k]));
        }
        return out.append(')').toString();
    }

    /** The penalty most neurons took, absent where every neuron kept its trained readout. */
    private static Optional<Double> mostChosen(int[] choice) {
        int[] counts = tally(choice);
        int best = IntStream.range(0, counts.length).reduce((a, c) -> counts[c] > counts[a] ? c : a).orElse(0);
        return counts[best] == 0 ? Optional.empty() : Optional.of(SessionRateFit.PENALTIES[best]);
    }

    /** How many neurons took each penalty (a choice of −1, the trained readout kept, is not counted). */
    private static int[] tally(int[] choice) {
        int[] counts = new int[SessionRateFit.PENALTIES.length];
        for (int c : choice) {
            if (c >= 0) {
                counts[c]++;
            }
        }
        return counts;
    }

    private static int[] rowsOf(HeadInputs inputs, int session) {
        return IntStream.range(0, inputs.size()).filter(i -> inputs.sessions()[i] == session).toArray();
    }

    /** A table of token rows read once into the heap, from which each session's rows are copied. */
    private record Rows(float[] values, int columns) {
        static Rows of(INDArray table) {
            return new Rows(table.castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) table.size(1));
        }

        /** The given rows' first {@code width} columns. */
        INDArray pick(int[] rows, int width) {
            float[] out = new float[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(values, rows[i] * columns, out, i * width, width);
            }
            return Nd4j.create(out, new long[]{rows.length, width}, DataType.FLOAT);
        }

        INDArray pick(int[] rows) {
            return pick(rows, columns);
        }
    }
}
