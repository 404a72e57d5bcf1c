package org.nedsj.lfp;

/**
 * Log band power per token: for each trial, each 20 ms token (bin) and each kept channel, the natural log of
 * the power (µV²) in each band over a window of {@code window} seconds centred on the token's bin. A trial's
 * whole span is read from the recording once; the token windows overlap within it.
 */
public final class TokenBandPower {

    /** Added to a band's power (µV²) before the log, so a flat channel gives a finite value. */
    public static final double FLOOR = 1e-6;

    private final LfpRecording recording;
    private final int[] channels;
    private final int bands;
    private final BandPower power;
    private final int windowSamples;
    private final double[] psd;
    private final double[] bandValues;
    private float[] span = new float[0];

    public TokenBandPower(LfpRecording recording, int[] channels, LfpSettings settings) {
        this.recording = recording;
        this.channels = channels.clone();
        this.bands = settings.bands().size();
        double fs = recording.sampleRate();
        this.windowSamples = (int) Math.round(settings.window() * fs);
        int segment = Math.min(windowSamples, (int) Math.round(settings.segment() * fs));
        this.power = new BandPower(fs, segment, settings.bands());
        this.psd = new double[power.nfft() / 2 + 1];
        this.bandValues = new double[bands];
    }

    /** Values per token: channels × bands, channel-major. */
    public int width() {
        return channels.length * bands;
    }

    /**
     * One trial's features into {@code out[offset …]}: {@code bins} rows of {@link #width()} floats.
     *
     * @param windowStart seconds of the trial window's start (the alignment event plus the window's start offset)
     */
    public void trial(double windowStart, double binSize, int bins, float[] out, int offset) {
        double fs = recording.sampleRate();
        long first = firstSample(windowStart, binSize, 0, fs);
        long last = firstSample(windowStart, binSize, bins - 1, fs) + windowSamples;
        int count = Math.toIntExact(last - first);
        if (span.length < count * channels.length) {
            span = new float[count * channels.length];
        }
        recording.read(first, count, channels, span);
        int w = width();
        for (int b = 0; b < bins; b++) {
            int from = (int) (firstSample(windowStart, binSize, b, fs) - first);
            for (int k = 0; k < channels.length; k++) {
                power.compute(span, k * count + from, windowSamples, psd, bandValues);
                for (int j = 0; j < bands; j++) {
                    out[offset + b * w + k * bands + j] = (float) Math.log(bandValues[j] + FLOOR);
                }
            }
        }
    }

    private long firstSample(double windowStart, double binSize, int bin, double fs) {
        double centre = windowStart + (bin + 0.5) * binSize;
        return Math.round(centre * fs) - windowSamples / 2;
    }
}
