package org.nedsj.model.fused;

import org.nedsj.model.ModalityBinding;
import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ParameterInit;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.ArrayEncoder;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;

import java.util.List;
import java.util.Map;

/**
 * Chooses how each codec runs, one codec at a time: an {@link ArrayEncoder} or {@link ArrayDecoder}
 * directly, any other through its SameDiff graph. A graph-only codec costs only its own share of a step.
 */
public final class CodecPasses {

    private final GraphParts.Factory graphs;
    private final ParameterInit init;
    private final org.nd4j.linalg.api.buffer.DataType type;
    private final ParameterStore.Builder store;

    public CodecPasses(GraphParts.Factory graphs, ParameterInit init, org.nd4j.linalg.api.buffer.DataType type,
                       ParameterStore.Builder store) {
        this.graphs = graphs;
        this.init = init;
        this.type = type;
        this.store = store;
    }

    public EncoderPass encoder(ModalityBinding m, CodecSizes sizes, Map<String, Integer> widths) {
        widths.put(m.name(), sizes.width());
        if (m.encoder() instanceof ArrayEncoder encoder) {
            List<ParameterSpec> declared = declare(m, encoder.parameters(sizes), sizes);
            return new ArrayEncoderPass(encoder, new StoreScope(sizes, type), declared);
        }
        return new GraphEncoderPass(m, graphs, widths, store);
    }

    public DecoderPass decoder(ModalityBinding m, CodecSizes sizes) {
        if (m.decoder() instanceof ArrayDecoder decoder) {
            List<ParameterSpec> declared = declare(m, decoder.parameters(sizes), sizes);
            return new ArrayDecoderPass(decoder, new StoreScope(sizes, type), declared);
        }
        return new GraphDecoderPass(m, graphs, store);
    }

    private List<ParameterSpec> declare(ModalityBinding m, List<ParameterSpec> declared, CodecSizes sizes) {
        for (ParameterSpec p : declared) {
            String name = m.name() + "/" + p.name();
            if (store.has(name)) {
                throw new IllegalArgumentException("modality " + m.name() + ": parameter " + p.name() + " is declared twice (encoder "
                        + m.encoderName() + ", decoder " + m.decoderName() + "); an encoder and a decoder of one modality share "
                        + "its parameter names, so give theirs different names");
            }
            store.add(new Parameter(name, p.decayed(), p.perSession()), init.of(name, p, sizes.sessionCount()));
        }
        return List.copyOf(declared);
    }
}
