package org.nedsj.lfp;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

import java.util.Arrays;
import java.util.List;

/**
 * Power in frequency bands by Welch's method: Hann-windowed segments of {@code segment} samples with 50 %
 * overlap (evenly spread so the last ends at the window's end), each zero-padded to a power of two and
 * transformed in place with commons-math3's FFT, one-sided density averaged over segments ({@code V²/Hz} scaled as
 * {@code scipy.signal.welch(..., window='hann', detrend=False, scaling='density')}), then summed over the
 * frequencies {@code lo ≤ f < hi} of each band times the frequency step: the band's power, the mean square a
 * sinusoid in it contributes (amplitude A: A²/2).
 */
public final class BandPower {

    /** A frequency band {@code [lo, hi)} in Hz. */
    public record Band(String name, double lo, double hi) {
    }

    private final int segment;
    private final int nfft;
    private final double[] hann;
    private final double windowPower;
    private final double sampleRate;
    private final int[][] bins;
    private final double[] re;
    private final double[] im;

    public BandPower(double sampleRate, int segment, List<Band> bands) {
        if (segment < 8) {
            throw new IllegalArgumentException("Welch segment of " + segment + " samples is too short; data.lfp.welch.segment must"
                    + " give at least 8 samples");
        }
        this.sampleRate = sampleRate;
        this.segment = segment;
        this.nfft = Integer.highestOneBit(segment - 1) << 1;
        this.hann = new double[segment];
        double power = 0;
        for (int i = 0; i < segment; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / segment); // periodic Hann, as scipy's get_window
            power += hann[i] * hann[i];
        }
        this.windowPower = power;
        this.re = new double[nfft];
        this.im = new double[nfft];
        double df = sampleRate / nfft;
        this.bins = new int[bands.size()][];
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            int lo = (int) Math.ceil(band.lo() / df);
            int hi = (int) Math.ceil(band.hi() / df);
            hi = Math.min(hi, nfft / 2 + 1);
            if (hi <= lo) {
                throw new IllegalArgumentException(String.format("band %s [%.3g, %.3g) Hz holds no frequency of a %d-point FFT at %.0f Hz "
                                + "(step %.3g Hz, up to %.0f Hz); widen the band in data.lfp.bands or lengthen data.lfp.welch.segment",
                        band.name(), band.lo(), band.hi(), nfft, sampleRate, df, sampleRate / 2));
            }
            bins[b] = new int[]{lo, hi};
        }
    }

    public int nfft() {
        return nfft;
    }

    /**
     * Band powers (the signal's units squared) of {@code x[offset, offset + length)} into {@code out[b]}, one per band.
     *
     * @param psd work array of at least {@code nfft / 2 + 1} doubles
     */
    public void compute(float[] x, int offset, int length, double[] psd, double[] out) {
        if (length < segment) {
            throw new IllegalArgumentException("window of " + length + " samples is shorter than the Welch segment of " + segment);
        }
        int half = nfft / 2 + 1;
        Arrays.fill(psd, 0, half, 0);
        int segments = length == segment ? 1 : (int) Math.ceil((length - segment) / (segment / 2.0)) + 1;
        for (int s = 0; s < segments; s++) {
            int start = segments == 1 ? 0 : (int) Math.round((double) s * (length - segment) / (segments - 1));
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            for (int i = 0; i < segment; i++) {
                re[i] = x[offset + start + i] * hann[i];
            }
            FastFourierTransformer.transformInPlace(new double[][]{re, im}, DftNormalization.STANDARD, TransformType.FORWARD);
            for (int k = 0; k < half; k++) {
                double p = (re[k] * re[k] + im[k] * im[k]) / (sampleRate * windowPower);
                psd[k] += (k == 0 || (nfft % 2 == 0 && k == nfft / 2)) ? p : 2 * p;
            }
        }
        double df = sampleRate / nfft;
        for (int b = 0; b < bins.length; b++) {
            double sum = 0;
            for (int k = bins[b][0]; k < bins[b][1]; k++) {
                sum += psd[k];
            }
            out[b] = sum / segments * df;
        }
    }
}
