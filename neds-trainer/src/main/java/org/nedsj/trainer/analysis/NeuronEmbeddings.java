package org.nedsj.trainer.analysis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.model.NedsModel;
import org.nedsj.model.Parameter;

/**
 * Each neuron's learned embedding, read from a model's stitcher parameters by name. The one place
 * that knows those names and layouts (an input stitcher {@code <modality>/stitch_w} [sessions, neurons,
 * hidden] and an output stitcher {@code <modality>/stitch_out_w} [sessions, hidden, neurons]), so a
 * change of the model's parameter store is adapted here alone.
 * <ul>
 *   <li>{@link Kind#INPUT}: the neuron's row of its session's input stitcher: how its spike count moves
 *       every hidden unit of the tokens (the neuron's column of the matrix applied to a count vector);</li>
 *   <li>{@link Kind#OUTPUT}: the neuron's column of the output stitcher: the hidden direction its log
 *       rate reads. The output bias ({@code stitch_out_b}, the neuron's log mean rate at the start) is left
 *       out: it is a firing statistic, which the baseline reads;</li>
 *   <li>{@link Kind#BOTH}: the two side by side.</li>
 * </ul>
 */
public final class NeuronEmbeddings {

    public enum Kind {
        INPUT("input embedding"), OUTPUT("output embedding"), BOTH("input+output embedding");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("--embedding " + s + " is not one of input, output, both");
        }
    }

    private final NedsModel model;
    private final String modality;

    NeuronEmbeddings(NedsModel model, String modality) {
        this.model = model;
        this.modality = modality;
    }

    /** [neurons][dimensions] of the session in row {@code session} of the model's session table. */
    double[][] of(Kind kind, int session, int neurons) {
        return switch (kind) {
            case INPUT -> input(session, neurons);
            case OUTPUT -> output(session, neurons);
            case BOTH -> concatenate(input(session, neurons), output(session, neurons));
        };
    }

    private double[][] input(int session, int neurons) {
        INDArray w = parameter("stitch_w", "its encoder is not a stitcher of neurons; use --embedding output");
        double[][] out = new double[neurons][];
        for (int n = 0; n < neurons; n++) {
            out[n] = w.get(NDArrayIndex.point(session), NDArrayIndex.point(n), NDArrayIndex.all()).toDoubleVector();
        }
        return out;
    }

    private double[][] output(int session, int neurons) {
        INDArray w = parameter("stitch_out_w", "its decoder is not a stitcher to neurons; use --embedding input");
        double[][] out = new double[neurons][];
        for (int n = 0; n < neurons; n++) {
            out[n] = w.get(NDArrayIndex.point(session), NDArrayIndex.all(), NDArrayIndex.point(n)).toDoubleVector();
        }
        return out;
    }

    private INDArray parameter(String local, String fix) {
        String name = modality + "/" + local;
        boolean present = model.parameters().stream().map(Parameter::name).anyMatch(name::equals);
        if (!present) {
            throw new IllegalArgumentException("the model has no parameter " + name + ": " + fix);
        }
        return model.parameter(name);
    }

    private static double[][] concatenate(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int n = 0; n < a.length; n++) {
            out[n] = new double[a[n].length + b[n].length];
            System.arraycopy(a[n], 0, out[n], 0, a[n].length);
            System.arraycopy(b[n], 0, out[n], a[n].length, b[n].length);
        }
        return out;
    }
}
