package org.nedsj.trainer.evaluate;

import com.typesafe.config.Config;
import org.nedsj.spi.ModalitySpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the model's and the logistic baseline's readouts of each categorical behaviour are of the same rank: a
 * readout held to rank one on one side only ({@code model.modalities.<name>.fit-rank-one} against
 * {@code eval.baselines.logistic.rank-one}) gives that side an assumption the other lacks, and the report says so.
 */
final class RankOneReadouts {

    private RankOneReadouts() {
    }

    /** One line per categorical behaviour of three or more classes whose model readout and baseline differ in rank. */
    static List<String> unmatched(Config config, List<ModalitySpec> modalities) {
        List<String> baseline = config.getStringList("eval.baselines.logistic.rank-one");
        List<String> notes = new ArrayList<>();
        for (ModalitySpec m : modalities) {
            if (m.kind() != ModalitySpec.Kind.STATIC_CATEGORICAL || m.classes() <= 2) {
                continue;   // two classes' readout is of rank one either way
            }
            String key = "model.modalities." + m.name() + ".fit-rank-one";
            boolean model = config.hasPath(key) && config.getBoolean(key);
            if (model != baseline.contains(m.name())) {
                notes.add(String.format("note: %s is read at %s by the model (%s) and at %s by the logistic baseline "
                                + "(eval.baselines.logistic.rank-one): the comparison is not like for like", m.name(),
                        model ? "rank one" : "full rank", key, model ? "full rank" : "rank one"));
            }
        }
        return notes;
    }
}
