package org.nedsj.lfp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SpikeGLX {@code *.lf.meta} file of an LFP stream: {@code key=value} lines. The saved channels are the
 * LFP channels followed by the sync channel(s) ({@code snsApLfSy = AP,LF,SY}); the sync channel is not data.
 * A count becomes microvolts as {@code count · imAiRangeMax / imMaxInt / lfGain · 1e6}, the LF gain of each
 * channel from {@code imroTbl} (Neuropixels 1.0 entries {@code (chan bank ref apGain lfGain apFilter)}).
 *
 * @param file               the .meta file, for messages
 * @param sampleRate         {@code imSampRate}, Hz
 * @param savedChannels      {@code nSavedChans}: interleaved channels of the binary file
 * @param dataChannels       LFP channels (the first ones); the rest are sync
 * @param microvoltsPerCount per data channel
 */
public record SpikeGlxMeta(Path file, double sampleRate, int savedChannels, int dataChannels, double[] microvoltsPerCount) {

    private static final Pattern IMRO_ENTRY = Pattern.compile("\\(([^()]*)\\)");

    public static SpikeGlxMeta read(Path file) {
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    keys.put(line.substring(0, eq).strip().replaceFirst("^~", ""), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SpikeGLX meta file " + file + ": " + e.getMessage(), e);
        }
        return parse(file, keys);
    }

    static SpikeGlxMeta parse(Path file, Map<String, String> keys) {
        double rate = number(file, keys, "imSampRate");
        int saved = (int) number(file, keys, "nSavedChans");
        int sync = 1;
        if (keys.containsKey("snsApLfSy")) {
            String[] parts = keys.get("snsApLfSy").split(",");
            if (parts.length != 3) {
                throw bad(file, "snsApLfSy", "is '" + keys.get("snsApLfSy") + "'; expected AP,LF,SY channel counts");
            }
            sync = (int) parse(file, "snsApLfSy", parts[2]);
        }
        int data = saved - sync;
        if (rate <= 0 || data < 1) {
            throw bad(file, "nSavedChans", "gives " + data + " LFP channels at " + rate + " Hz; the file does not describe an LFP stream");
        }
        double range = keys.containsKey("imAiRangeMax") ? number(file, keys, "imAiRangeMax") : 0.6;
        double maxInt = keys.containsKey("imMaxInt") ? number(file, keys, "imMaxInt") : 512;
        double[] gains = lfGains(file, keys, data);
        double[] uv = new double[data];
        for (int c = 0; c < data; c++) {
            uv[c] = range / maxInt / gains[c] * 1e6;
        }
        return new SpikeGlxMeta(file, rate, saved, data, uv);
    }

    private static double[] lfGains(Path file, Map<String, String> keys, int channels) {
        String imro = keys.get("imroTbl");
        if (imro == null) {
            throw bad(file, "imroTbl", "is missing; the LF gain of each channel is read from it");
        }
        Matcher m = IMRO_ENTRY.matcher(imro);
        double[] gains = new double[channels];
        int entry = -1;
        while (m.find()) {
            String[] f = m.group(1).strip().split("\\s+");
            if (entry >= 0 && entry < channels) {
                if (f.length < 5) {
                    throw bad(file, "imroTbl", "entry (" + m.group(1) + ") has no LF gain (5th field)");
                }
                gains[entry] = parse(file, "imroTbl", f[4]);
            }
            entry++; // the first parenthesis is the table's header (probe type, channel count)
        }
        if (entry < channels) {
            throw bad(file, "imroTbl", "lists " + Math.max(entry, 0) + " channels, the stream has " + channels);
        }
        for (double g : gains) {
            if (!(g > 0)) {
                throw bad(file, "imroTbl", "has an LF gain of " + g);
            }
        }
        return gains;
    }

    private static double number(Path file, Map<String, String> keys, String key) {
        String v = keys.get(key);
        if (v == null) {
            throw bad(file, key, "is missing");
        }
        return parse(file, key, v);
    }

    private static double parse(Path file, String key, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw bad(file, key, "is '" + value + "', not a number");
        }
    }

    private static IllegalArgumentException bad(Path file, String key, String problem) {
        return new IllegalArgumentException("SpikeGLX meta file " + file + ": " + key + " " + problem
                + "; give the .lf.meta file SpikeGLX wrote beside the recording");
    }
}
