package org.nedsj.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ParameterStore;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link CodecScope} of one array-level codec in one model: its parameters and gradients are
 * views into the model's {@link ParameterStore}, its work arrays its own.
 */
final class StoreScope implements CodecScope {

    private final CodecSizes sizes;
    private final String prefix;
    private final DataType type;
    private final Map<String, INDArray> parameters = new HashMap<>();
    private final Map<String, INDArray> gradients = new HashMap<>();
    private final Map<String, INDArray> scratch = new HashMap<>();
    private SessionGroups sessions;
    private boolean wantsGradients;

    StoreScope(CodecSizes sizes, DataType type) {
        this.sizes = sizes;
        this.prefix = sizes.modality().name() + "/";
        this.type = type;
    }

    /** Looks up the views of the declared parameters once the store exists. */
    void attach(ParameterStore store, List<ParameterSpec> declared) {
        for (ParameterSpec p : declared) {
            parameters.put(p.name(), store.value(prefix + p.name()));
            gradients.put(p.name(), store.gradient(prefix + p.name()));
        }
    }

    /** Sets what the next call sees. */
    StoreScope call(SessionGroups groups, boolean gradients) {
        this.sessions = groups;
        this.wantsGradients = gradients;
        return this;
    }

    /** The gradient views of every declared parameter. */
    Iterable<INDArray> gradientViews() {
        return gradients.values();
    }

    @Override
    public CodecSizes sizes() {
        return sizes;
    }

    @Override
    public INDArray parameter(String local) {
        INDArray p = parameters.get(local);
        if (p == null) {
            throw new IllegalStateException("modality " + sizes.modality().name() + " declared no parameter " + local);
        }
        return p;
    }

    @Override
    public INDArray gradient(String local) {
        if (!wantsGradients) {
            throw new IllegalStateException("no gradients in evaluation (modality " + sizes.modality().name() + ")");
        }
        INDArray g = gradients.get(local);
        if (g == null) {
            throw new IllegalStateException("modality " + sizes.modality().name() + " declared no parameter " + local);
        }
        return g;
    }

    @Override
    public boolean wantsGradients() {
        return wantsGradients;
    }

    @Override
    public SessionGroups sessions() {
        return sessions;
    }

    @Override
    public INDArray scratch(String purpose, long... shape) {
        INDArray a = scratch.get(purpose);
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            a = Nd4j.create(type, shape);
            scratch.put(purpose, a);
        }
        return a;
    }
}
