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
