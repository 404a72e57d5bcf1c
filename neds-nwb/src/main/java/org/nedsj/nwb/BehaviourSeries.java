package org.nedsj.nwb;

import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import org.nedsj.prep.behaviour.IrregularSignal;
import org.nedsj.prep.behaviour.RegularSignal;
import org.nedsj.prep.behaviour.SampledSignal;

/**
 * A behaviour {@code TimeSeries} of an NWB file (in a processing module or in acquisition): its
 * {@code data} times the {@code conversion} (plus {@code offset}), sampled at its {@code timestamps}
 * or from {@code starting_time} at its {@code rate}. Samples whose value is NaN count as not
 * sampled (as a camera frame without motion energy).
 */
final class BehaviourSeries {

    private BehaviourSeries() {
    }

    /** @param key the mapping key that named the series, for messages */
    static SampledSignal read(NwbFile file, String path, String key) {
        String fix = key + " names '" + path + "', which is not a TimeSeries of this file (a group with data and timestamps "
                + "or starting_time); run neds inspect " + file.path() + " for its series";
        file.group(path, fix);
        Dataset data = file.dataset(path + "/data", fix);
        double[] values = scaled(file, data);
        double[] times = times(file, path, values.length, fix);
        if (times == null) {
            Dataset start = file.dataset(path + "/starting_time", fix);
            double rate = file.number(start, "rate").orElseThrow(() -> new NwbDataException(file.path() + ": " + path
                    + "/starting_time has no rate attribute; a regularly sampled TimeSeries needs one"));
            if (!(rate > 0)) {
                throw new NwbDataException(file.path() + ": " + path + "/starting_time has rate " + rate + "; it must be positive");
            }
            RegularSignal regular = RegularSignal.ofRate(file.scalar(start), rate, values);
            return hasNaN(values) ? withoutMissing(regular) : regular;
        }
        return IrregularSignal.withoutMissing(times, values);
    }

    private static double[] scaled(NwbFile file, Dataset data) {
        double[] values = file.doubles(data);
        double conversion = file.number(data, "conversion").orElse(1.0);
        double offset = file.number(data, "offset").orElse(0.0);
        if (conversion != 1.0 || offset != 0.0) {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * conversion + offset;
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new NwbDataException(file.path() + ": " + data.getPath() + " holds " + values[i] + " at sample " + i
                        + "; mark a missing sample with NaN");
            }
        }
        return values;
    }

    private static double[] times(NwbFile file, String path, int samples, String fix) {
        if (!file.has(path + "/timestamps")) {
            return null;
        }
        double[] t = file.doubles(file.dataset(path + "/timestamps", fix));
        if (t.length != samples) {
            throw new NwbDataException(file.path() + ": " + path + " has " + samples + " samples in data but " + t.length
                    + " timestamps; they must match");
        }
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i]) || (i > 0 && t[i] < t[i - 1])) {
                throw new NwbDataException(file.path() + ": " + path + "/timestamps " + (Double.isFinite(t[i]) ? "decrease" : "hold " + t[i])
                        + " at sample " + i + "; timestamps must be finite and non-decreasing seconds");
            }
        }
        return t;
    }

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static SampledSignal withoutMissing(RegularSignal s) {
        double[] t = new double[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.time(i);
        }
        return IrregularSignal.withoutMissing(t, s.values());
    }

    /** Whether the group at {@code node} looks like a TimeSeries. */
    static boolean isSeries(NwbFile file, Node node) {
        String p = NwbInspector.path(node);
        return node.isGroup() && file.has(p + "/data") && (file.has(p + "/timestamps") || file.has(p + "/starting_time"));
    }
}
