package org.nedsj.data.synth;

/**
 * The brain regions {@code neds synth --regions} plants: each neuron belongs to one, and what it
 * encodes depends on it, so that a neuron's learned embedding can reveal its region.
 * <ul>
 *   <li>{@link #WHEEL} ({@code MOp}): reads only the movement factor (wheel speed), weight U(1, 2);</li>
 *   <li>{@link #CHOICE} ({@code ACAd}): reads only the choice factor, weight U(1, 2) (every neuron prefers the same
 *       choice);</li>
 *   <li>{@link #UNTUNED} ({@code CA1}): reads no factor (only the trial's excitability gain).</li>
 * </ul>
 * Base rates and gain coupling are drawn alike in every region. Each region owns a band of the
 * probe's 384 channels (its units' channels and depths lie in it), so the regions are written both
 * as cluster acronyms and as the channels' Allen ids.
 */
public enum PlantedRegion {
    WHEEL("MOp", 985), CHOICE("ACAd", 39), UNTUNED("CA1", 382);

    static final int CHANNELS = 384;

    private final String acronym;
    private final long allenId;

    PlantedRegion(String acronym, long allenId) {
        this.acronym = acronym;
        this.allenId = allenId;
    }

    public String acronym() {
        return acronym;
    }

    public long allenId() {
        return allenId;
    }

    /** The region of neuron {@code n}: the regions in turn, so every probe has each. */
    static PlantedRegion of(int neuron) {
        return values()[neuron % values().length];
    }

    /** The first channel of this region's band. */
    int firstChannel() {
        return ordinal() * CHANNELS / values().length;
    }

    int channelCount() {
        return CHANNELS / values().length;
    }

    /** The region whose band holds {@code channel}. */
    static PlantedRegion ofChannel(int channel) {
        return values()[Math.min(values().length - 1, channel / (CHANNELS / values().length))];
    }
}
