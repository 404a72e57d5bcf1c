package org.nedsj.trainer.config;

import java.util.List;

/**
 * The experiment's configuration is not acceptable. Every problem is listed, one per line, each
 * naming the key, where it was set (file and line, {@code --set …} or {@code -D…}) and the fix.
 */
public final class ExperimentConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public ExperimentConfigException(List<String> problems) {
        super(problems.size() == 1 ? "configuration problem: " + problems.get(0)
                : problems.size() + " configuration problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
