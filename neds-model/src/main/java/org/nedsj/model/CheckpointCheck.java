package org.nedsj.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks the arrays of a model file against the model its description builds, before any is used:
 * the same parameter names, each with the model's shape and data type, every value finite.
 */
final class CheckpointCheck {

    private CheckpointCheck() {
    }

    static void requireMatching(Path file, NedsModel model, Map<String, INDArray> saved) throws IOException {
        TreeSet<String> unexpected = new TreeSet<>(saved.keySet());
        for (Parameter p : model.parameters()) {
            unexpected.remove(p.name());
            requireSameKind(file, p.name(), model.parameter(p.name()), saved.get(p.name()));
        }
        if (!unexpected.isEmpty()) {
            throw new IOException(file + " holds parameters its model does not have: " + unexpected
                    + "; the file is damaged or was edited, use another checkpoint or train again");
        }
        requireFinite(file, saved);
    }

    private static void requireSameKind(Path file, String name, INDArray expected, INDArray saved) throws IOException {
        if (saved == null) {
            throw new IOException(file + " lacks parameter " + name + "; the file is damaged, use another checkpoint or train again");
        }
        if (!Arrays.equals(expected.shape(), saved.shape()) || expected.dataType() != saved.dataType()) {
            throw new IOException(file + ": parameter " + name + " is " + saved.dataType() + " " + Arrays.toString(saved.shape())
                    + " but the model it describes needs " + expected.dataType() + " " + Arrays.toString(expected.shape())
                    + "; the file is damaged or was edited, use another checkpoint or train again");
        }
    }

    /** A file of the flat format holds no per-parameter entries. */
    static void requireNone(Path file, Map<String, INDArray> perParameter) throws IOException {
        if (!perParameter.isEmpty()) {
            throw new IOException(file + " holds parameters its model does not have: " + new TreeSet<>(perParameter.keySet())
                    + "; the file is damaged or was edited, use another checkpoint or train again");
        }
    }

    /** The stored layout (name, offset, shape of each parameter) is the layout of the model the description builds. */
    static void requireLayout(Path file, ParameterStore store, com.fasterxml.jackson.databind.JsonNode layout) throws IOException {
        if (layout == null || !layout.isArray() || layout.size() != store.slots().size()) {
            throw new IOException(file + " describes " + (layout == null || !layout.isArray() ? "no" : layout.size())
                    + " parameters but the model it describes has " + store.slots().size()
                    + "; the file is damaged or was edited, use another checkpoint or train again");
        }
        for (int i = 0; i < layout.size(); i++) {
            ParameterStore.Slot s = store.slots().get(i);
            var n = layout.get(i);
            long[] shape = new long[n.path("shape").size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = n.path("shape").get(k).asLong();
            }
            if (!s.name().equals(n.path("name").asText()) || s.offset() != n.path("offset").asLong(-1)
                    || !Arrays.equals(s.shape(), shape)) {
                throw new IOException(file + ": stored parameter " + n.path("name").asText() + " " + Arrays.toString(shape)
                        + " does not match the model it describes, whose parameter " + (i + 1) + " is " + s.name() + " "
                        + Arrays.toString(s.shape()) + "; the file is damaged or was edited, use another checkpoint or train again");
            }
        }
    }

    /** The flat parameter buffer is there, of the store's type and length, every value finite. */
    static void requireFlat(Path file, ParameterStore store, INDArray flat) throws IOException {
        if (flat == null) {
            throw new IOException(file + " lacks parameters (no parameters entry); the file is damaged, use another checkpoint or train again");
        }
        INDArray expected = store.values();
        if (flat.rank() != 1 || flat.length() != expected.length() || flat.dataType() != expected.dataType()) {
            throw new IOException(file + ": the parameter buffer is " + flat.dataType() + " " + Arrays.toString(flat.shape())
                    + " but the model it describes needs " + expected.dataType() + " " + Arrays.toString(expected.shape())
                    + "; the file is damaged or was edited, use another checkpoint or train again");
        }
        var bad = store.firstNonFinite(flat);
        if (bad.isPresent()) {
            throw new IOException(file + ": parameter " + bad.get().name() + " holds NaN or infinite values; the run that "
                    + "wrote it diverged or the file is damaged, use an earlier checkpoint or train again");
        }
    }

    /** Every array finite (parameters, optimiser moments). */
    static void requireFinite(Path file, Map<String, INDArray> arrays) throws IOException {
        for (var e : new java.util.TreeMap<>(arrays).entrySet()) {
            INDArray a = e.getValue();
            if (a.dataType().isFPType() && (a.isNaN().any() || a.isInfinite().any())) {
                throw new IOException(file + ": " + e.getKey() + " holds NaN or infinite values; the run that wrote it "
                        + "diverged or the file is damaged, use an earlier checkpoint or train again");
            }
        }
    }
}
