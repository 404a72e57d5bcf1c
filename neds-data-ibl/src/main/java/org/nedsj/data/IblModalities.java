package org.nedsj.data;

import org.nedsj.spi.ModalitySpec;

import java.util.List;

/** The modalities the IBL data sources provide, in this order. */
public final class IblModalities {

    public static final String SPIKES = "spikes";
    public static final String WHEEL = "wheel";
    public static final String WHISKER = "whisker";
    public static final String CHOICE = "choice";
    public static final String BLOCK = "block";
    public static final List<String> NAMES = List.of(SPIKES, WHEEL, WHISKER, CHOICE, BLOCK);

    private IblModalities() {
    }

    /**
     * spikes (neural counts), wheel and whisker (dynamic), choice (2 classes) and block ({@code blockClasses}).
     */
    public static List<ModalitySpec> of(int bins, int blockClasses) {
        return List.of(ModalitySpec.neuralCounts(SPIKES, bins), ModalitySpec.dynamicBehaviour(WHEEL, bins),
                ModalitySpec.dynamicBehaviour(WHISKER, bins), ModalitySpec.staticBehaviour(CHOICE, 2),
                ModalitySpec.staticBehaviour(BLOCK, blockClasses));
    }
}
