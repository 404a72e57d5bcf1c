package org.nedsj.model.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.TokenGraph;

/** The {@link TokenGraph} one modality's encoder and decoder build in: names under the modality. */
public final class ModalityScope implements TokenGraph {

    private final GraphParts parts;
    private final ModalitySpec modality;
    private final int[] widths;
    private final int width;
    private SDVariable widthMask;

    public ModalityScope(GraphParts parts, ModalitySpec modality) {
        this.parts = parts;
        this.modality = modality;
        this.widths = modality.isStatic() ? filled(modality.classes()) : parts.sessions().widths(modality);
        int max = 0;
        for (int w : widths) {
            max = Math.max(max, w);
        }
        this.width = max;
    }

    /** The sizes a codec of {@code modality} builds for in a model of {@code sessions} and hidden size {@code hidden}. */
    public static org.nedsj.spi.CodecSizes sizes(ModalitySpec modality, org.nedsj.model.SessionTable sessions, int hidden) {
        int[] widths = new int[sessions.size()];
        if (modality.isStatic()) {
            java.util.Arrays.fill(widths, modality.classes());
        } else {
            widths = sessions.widths(modality);
        }
        return new org.nedsj.spi.CodecSizes(modality, hidden, java.util.Arrays.stream(widths).max().orElse(0), widths);
    }

    private int[] filled(int value) {
        int[] w = new int[parts.sessions().size()];
        java.util.Arrays.fill(w, value);
        return w;
    }

    @Override
    public SameDiff sd() {
        return parts.sd();
    }

    @Override
    public ModalitySpec modality() {
        return modality;
    }

    @Override
    public int hiddenSize() {
        return parts.config().hidden();
    }

    @Override
    public int sessionCount() {
        return parts.sessions().size();
    }

    @Override
    public int[] sessionWidths() {
        return widths.clone();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public SDVariable sessionOneHot() {
        return parts.sessionOneHot();
    }

    @Override
    public SDVariable widthMask() {
        if (widthMask == null) {
            INDArray table = Nd4j.zeros(parts.type(), widths.length, width);
            for (int s = 0; s < widths.length; s++) {
                for (int j = 0; j < widths[s]; j++) {
                    table.putScalar(s, j, 1.0);
                }
            }
            SDVariable perSession = sd().constant(name("width_mask_table"), table);
            widthMask = sd().identity(name("width_mask"), parts.forSession(perSession));
        }
        return widthMask;
    }

    @Override
    public SDVariable forSession(SDVariable perSession) {
        return parts.forSession(perSession);
    }

    @Override
    public SDVariable weight(String name, long fanIn, long... shape) {
        return parts.weight(name(name), fanIn, shape);
    }

    @Override
    public SDVariable bias(String name, double value, long... shape) {
        return parts.bias(name(name), value, shape);
    }

    @Override
    public SDVariable sessionWeight(String name, int[] fanIn, long... shape) {
        return parts.sessionWeight(name(name), fanIn, shape);
    }

    @Override
    public SDVariable sessionBias(String name, long... shape) {
        return parts.sessionBias(name(name), shape);
    }

    @Override
    public SDVariable dropout(SDVariable x, double rate) {
        return parts.dropout(x, rate);
    }

    @Override
    public String name(String local) {
        return modality.name() + "/" + local;
    }
}
