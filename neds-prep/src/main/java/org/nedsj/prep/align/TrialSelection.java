package org.nedsj.prep.align;

import java.util.Map;

/**
 * The trials a filter kept (rows of the trials table, ascending) and how many it dropped for each reason.
 */
public record TrialSelection(int[] rows, Map<String, Integer> dropped) {

    public TrialSelection {
        dropped = Map.copyOf(dropped);
    }
}
