package org.nedsj.model.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.Parameter;
import org.nedsj.model.SessionTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared state of one graph under construction: the SameDiff instance, the parameters made so
 * far, and the placeholders every part reads (session one-hot rows, the training switch).
 */
public final class GraphParts {

    /** Placeholder: [B, S] one-hot session of each trial. */
    public static final String SESSION = "session";
    /** Placeholder: scalar, 1 while training (dropout on), 0 for evaluation. */
    public static final String TRAINING = "training";

    private final SameDiff sd;
    private final ModelConfig config;
    private final SessionTable sessions;
    private final ParameterInit init;
    private final List<Parameter> parameters = new ArrayList<>();
    private final SDVariable sessionOneHot;
    private final SDVariable training;

    public GraphParts(SameDiff sd, ModelConfig config, SessionTable sessions, long seed) {
        this.sd = sd;
        this.config = config;
        this.sessions = sessions;
        this.init = new ParameterInit(seed, config.dataType());
        this.sessionOneHot = sd.placeHolder(SESSION, config.dataType(), -1, sessions.size());
        this.training = sd.placeHolder(TRAINING, config.dataType());
    }

    /** Makes the parts of a new graph for one model (its config, sessions and seed). */
    public interface Factory {
        GraphParts create(SameDiff sd);
    }

    /** The entries of {@code all} that {@code sd} declares as placeholders. */
    public static java.util.Map<String, INDArray> placeholdersOf(SameDiff sd, java.util.Map<String, INDArray> all) {
        java.util.Map<String, INDArray> own = new java.util.LinkedHashMap<>();
        for (String name : sd.inputs()) {
            INDArray a = all.get(name);
            if (a != null) {
                own.put(name, a);
            }
        }
        return own;
    }

    /** SameDiff prints a line per differentiated op when it builds the gradient graph; keep that off the console. */
    public static void prepareGradients(SameDiff sd, String... placeholdersNeedingGradients) {
        if (sd.getFunction("grad") != null) {
            return;
        }
        java.io.PrintStream out = System.out;
        try (java.io.PrintStream silent = new java.io.PrintStream(java.io.OutputStream.nullOutputStream())) {
            System.setOut(silent);
            sd.createGradFunction(placeholdersNeedingGradients);
        } finally {
            System.setOut(out);
        }
    }

    public SameDiff sd() {
        return sd;
    }

    public ModelConfig config() {
        return config;
    }

    public SessionTable sessions() {
        return sessions;
    }

    public DataType type() {
        return config.dataType();
    }

    public SDVariable sessionOneHot() {
        return sessionOneHot;
    }

    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    public SDVariable weight(String name, long fanIn, long... shape) {
        return add(name, init.uniform(name, fanIn, shape), true, false);
    }

    public SDVariable normal(String name, double std, long... shape) {
        return add(name, init.normal(name, std, shape), true, false);
    }

    /** A per-session table [S, shape…] drawn N(0, std²), decayed (e.g. the session embedding). */
    public SDVariable sessionNormal(String name, double std, long... shape) {
        long[] full = new long[shape.length + 1];
        full[0] = sessions.size();
        System.arraycopy(shape, 0, full, 1, shape.length);
        return add(name, init.normal(name, std, full), true, true);
    }

    public SDVariable bias(String name, double value, long... shape) {
        return add(name, init.constant(value, shape), false, false);
    }

    public SDVariable sessionWeight(String name, int[] fanIn, long... shape) {
        if (fanIn.length != sessions.size()) {
            throw new IllegalArgumentException(name + ": " + fanIn.length + " fan-ins for " + sessions.size() + " sessions");
        }
        return add(name, init.uniformPerSession(name, fanIn, shape), true, true);
    }

    public SDVariable sessionBias(String name, long... shape) {
        long[] full = new long[shape.length + 1];
        full[0] = sessions.size();
        System.arraycopy(shape, 0, full, 1, shape.length);
        return add(name, init.constant(0, full), false, true);
    }

    private SDVariable add(String name, INDArray value, boolean decayed, boolean perSession) {
        if (sd.hasVariable(name)) {
            throw new IllegalStateException("parameter " + name + " is defined twice");
        }
        parameters.add(new Parameter(name, decayed, perSession));
        return sd.var(name, value);
    }

    /** Each trial's row of a per-session table, by one-hot × matrix: [S, a…] → [B, a…]. */
    public SDVariable forSession(SDVariable perSession) {
        long[] shape = perSession.getShape();
        if (shape == null || shape[0] != sessions.size()) {
            throw new IllegalArgumentException("forSession needs a table whose first axis is the " + sessions.size()
                    + " sessions, got " + java.util.Arrays.toString(shape));
        }
        if (shape.length == 2) {
            return sessionOneHot.mmul(perSession);
        }
        long rest = 1;
        for (int i = 1; i < shape.length; i++) {
            rest *= shape[i];
        }
        SDVariable flat = sessionOneHot.mmul(perSession.reshape(shape[0], rest));
        long[] out = shape.clone();
        out[0] = -1;
        return flat.reshape(out);
    }

    /**
     * Inverted dropout: during training each entry is kept with probability 1−rate and scaled by
     * 1/(1−rate); during evaluation ({@link #TRAINING} = 0) the input passes unchanged. The noise
     * comes from the calling thread's ND4J random generator, which the model seeds from the step's
     * noise seed right before the graph runs.
     */
    public SDVariable dropout(SDVariable x, double rate) {
        if (rate <= 0) {
            return x;
        }
        SDVariable u = new DistributionUniform(sd, sd.shape(x), 0.0, 1.0, type()).outputVariable();
        SDVariable keep = sd.castTo(sd.gte(u, rate), type()).mul(1.0 / (1.0 - rate));
        // mask = 1 + training·(keep − 1): the identity when not training
        SDVariable mask = keep.sub(1.0).mul(training).add(1.0);
        return x.mul(mask);
    }
}
