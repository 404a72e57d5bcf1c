package org.nedsj.lfp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.nedsj.prep.npy.NpyReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Synthetic LFP for synthetic (or any) ALF sessions: a {@code raw_ephys_data/probe00/} stream whose band power
 * follows the session's behaviour and spiking, written as SpikeGLX {@code .lf.bin} or mtscomp {@code .lf.cbin}
 * (each with its {@code .lf.meta}), so the whole LFP chain runs without real recordings.
 *
 * <p>Each channel is a sum of five oscillations, one per default band (2.5, 6, 10, 20 and 60 Hz, a phase per
 * channel and band, a gain falling with depth) plus white noise: delta 40 µV and alpha 15 µV constant; theta
 * 25·(0.6 + 0.8·v) µV and beta 30·(1.2 − 0.8·v) µV with v the wheel speed (scaled by its 95th percentile,
 * clipped to 1.5: theta rises and beta falls with movement); gamma 12·r µV with r the population spike rate of
 * probe 00 (50 ms boxcar, divided by its mean). Run it as
 * {@code java -cp 'plugins/lfp/*:lib/*' org.nedsj.lfp.SyntheticLfp --alf DIR [--format both|bin|cbin] [--seed S]}.
 */
public final class SyntheticLfp {

    public static final double RATE = 2500;
    public static final int CHANNELS = 16;
    static final int LF_GAIN = 250;
    private static final double UV_PER_COUNT = 0.6 / 512 / LF_GAIN * 1e6;
    private static final double GRID = 0.01;
    private static final double[] CARRIERS = {2.5, 6, 10, 20, 60};
    private static final String STEM = "_spikeglx_ephysData_g0_t0.imec0.lf";

    public enum Format { BIN, CBIN }

    private SyntheticLfp() {
    }

    public static void main(String[] args) {
        Path root = null;
        String format = "both";
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alf" -> root = Path.of(args[++i]);
                case "--format" -> format = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: SyntheticLfp --alf DIR [--format both|bin|cbin] [--seed S]; unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (root == null) {
            System.err.println("usage: SyntheticLfp --alf DIR [--format both|bin|cbin] [--seed S]");
            System.exit(2);
        }
        try {
            for (String line : writeAll(root, format, seed)) {
                System.out.println(line);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("SyntheticLfp: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Writes a stream for every session under {@code root} (folders holding {@code alf/}); both: bin and cbin alternately. */
    public static List<String> writeAll(Path root, String format, long seed) {
        List<Path> sessions = sessions(root);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException(root + " holds no ALF session (a folder with alf/ inside); write some with neds synth");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            Format f = switch (format) {
                case "bin" -> Format.BIN;
                case "cbin" -> Format.CBIN;
                case "both" -> i % 2 == 0 ? Format.CBIN : Format.BIN;
                default -> throw new IllegalArgumentException("--format is " + format + "; choose both, bin or cbin");
            };
            Path file = write(sessions.get(i), f, seed + i);
            lines.add(root.relativize(file) + ": " + CHANNELS + " LFP channels + sync at " + (int) RATE + " Hz");
        }
        return lines;
    }

    static List<Path> sessions(Path root) {
        try (Stream<Path> s = Files.walk(root, 6)) {
            return s.filter(p -> !p.equals(root) && p.getFileName().toString().equals("alf") && Files.isDirectory(p))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Writes {@code <session>/raw_ephys_data/probe00/}{@value #STEM}{@code .{bin|cbin,ch},meta}; returns the data file. */
    public static Path write(Path session, Format format, long seed) {
        double[] speed = normalised(wheelSpeed(session), 0.95, 1.5);
        double[] rate = spikeRate(session, speed.length);
        int samples = (int) Math.round(speed.length * GRID * RATE);
        Path dir = LfpFiles.probeFolder(session, "probe00");
        try {
            Files.createDirectories(dir);
            Path meta = dir.resolve(STEM + ".meta");
            Files.writeString(meta, meta());
            Path data = dir.resolve(STEM + (format == Format.BIN ? ".bin" : ".cbin"));
            Signal signal = new Signal(speed, rate, new SplittableRandom(seed));
            if (format == Format.BIN) {
                writeBin(data, signal, samples);
            } else {
                writeCbin(data, dir.resolve(STEM + ".ch"), signal, samples);
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic LFP into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The LFP of every channel, block by block. */
    private static final class Signal {
        private final double[] speed;
        private final double[] rate;
        private final SplittableRandom rng;
        private final double[][] phase = new double[CARRIERS.length][CHANNELS];
        private final double[] gain = new double[CHANNELS];

        Signal(double[] speed, double[] rate, SplittableRandom rng) {
            this.speed = speed;
            this.rate = rate;
            this.rng = rng;
            for (double[] p : phase) {
                for (int c = 0; c < CHANNELS; c++) {
                    p[c] = rng.nextDouble(2 * Math.PI);
                }
            }
            for (int c = 0; c < CHANNELS; c++) {
                gain[c] = 1.2 - 0.6 * c / CHANNELS;
            }
        }

        /** Counts of samples {@code [from, from + n)}, {@code [n][CHANNELS + 1]} flattened, sync (a 1 Hz square wave) last. */
        short[] block(long from, int n) {
            short[] out = new short[n * (CHANNELS + 1)];
            double[] amplitude = new double[CARRIERS.length];
            double[] sin = new double[CARRIERS.length];
            double[] cos = new double[CARRIERS.length];
            for (int i = 0; i < n; i++) {
                double t = (from + i) / RATE;
                double g = Math.min(t / GRID, speed.length - 1.0);
                int k = (int) Math.floor(g);
                double frac = g - k;
                int k1 = Math.min(k + 1, speed.length - 1);
                double v = speed[k] * (1 - frac) + speed[k1] * frac;
                double r = rate[k] * (1 - frac) + rate[k1] * frac;
                amplitude[0] = 40;
                amplitude[1] = 25 * (0.6 + 0.8 * v);
                amplitude[2] = 15;
                amplitude[3] = 30 * (1.2 - 0.8 * Math.min(v, 1));
                amplitude[4] = 12 * r;
                for (int j = 0; j < CARRIERS.length; j++) {
                    sin[j] = Math.sin(2 * Math.PI * CARRIERS[j] * t);
                    cos[j] = Math.cos(2 * Math.PI * CARRIERS[j] * t);
                }
                for (int c = 0; c < CHANNELS; c++) {
                    double uv = 5 * rng.nextGaussian();
                    for (int j = 0; j < CARRIERS.length; j++) {
                        uv += gain[c] * amplitude[j] * (sin[j] * Math.cos(phase[j][c]) + cos[j] * Math.sin(phase[j][c]));
                    }
                    out[i * (CHANNELS + 1) + c] = (short) Math.max(-32768, Math.min(32767, Math.round(uv / UV_PER_COUNT)));
                }
                out[i * (CHANNELS + 1) + CHANNELS] = (short) (((from + i) / (long) RATE) % 2 == 0 ? 0 : 64);
            }
            return out;
        }
    }

    private static void writeBin(Path data, Signal signal, int samples) throws IOException {
        Path tmp = data.resolveSibling(".partial-" + data.getFileName());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int block = (int) RATE;
            for (long from = 0; from < samples; from += block) {
                int n = (int) Math.min(block, samples - from);
                short[] counts = signal.block(from, n);
                ByteBuffer b = ByteBuffer.allocate(counts.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                b.asShortBuffer().put(counts);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
        Files.move(tmp, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** mtscomp 1.0 as {@code mtscomp.Writer} writes it: 1 s chunks, time differences, F order, zlib. */
    private static void writeCbin(Path data, Path header, Signal signal, int samples) throws IOException {
        int width = CHANNELS + 1;
        List<Long> bounds = new ArrayList<>();
        List<Long> offsets = new ArrayList<>(List.of(0L));
        Path tmp = data.resolveSibling(".partial-" + data.getFileName());
        Deflater deflater = new Deflater(1);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int block = (int) RATE;
            for (long from = 0; from < samples; from += block) {
                int n = (int) Math.min(block, samples - from);
                bounds.add(from);
                short[] counts = signal.block(from, n);
                ByteBuffer b = ByteBuffer.allocate(counts.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < width; c++) {
                    for (int i = 0; i < n; i++) {
                        short v = counts[i * width + c];
                        b.putShort(i == 0 ? v : (short) (v - counts[(i - 1) * width + c]));
                    }
                }
                byte[] compressed = deflate(deflater, b.array());
                ByteBuffer out = ByteBuffer.wrap(compressed);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                offsets.add(offsets.get(offsets.size() - 1) + compressed.length);
            }
        } finally {
            deflater.end();
        }
        bounds.add((long) samples);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("algorithm", "zlib");
        h.put("chunk_bounds", bounds);
        h.put("chunk_offsets", offsets);
        h.put("chunk_order", "F");
        h.put("comp_level", 1);
        h.put("do_spatial_diff", false);
        h.put("do_time_diff", true);
        h.put("dtype", "int16");
        h.put("n_channels", width);
        h.put("sample_rate", RATE);
        h.put("shape", List.of(samples, width));
        h.put("version", "1.0");
        Path headerTmp = header.resolveSibling(".partial-" + header.getFileName());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(headerTmp.toFile(), h);
        Files.move(tmp, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(headerTmp, header, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] deflate(Deflater d, byte[] raw) {
        d.reset();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        return out.toByteArray();
    }

    static String meta() {
        StringBuilder imro = new StringBuilder("(0," + CHANNELS + ")");
        for (int c = 0; c < CHANNELS; c++) {
            imro.append('(').append(c).append(" 0 0 500 ").append(LF_GAIN).append(" 1)");
        }
        return "imAiRangeMax=0.6\nimAiRangeMin=-0.6\nimMaxInt=512\nimSampRate=" + RATE + "\nnSavedChans=" + (CHANNELS + 1)
                + "\nsnsApLfSy=0," + CHANNELS + ",1\ntypeThis=imec\n~imroTbl=" + imro + "\n";
    }

    /** Wheel speed (rad/s) on the 10 ms grid from 0 to the last wheel sample plus 3 s. */
    private static double[] wheelSpeed(Path session) {
        Path times = largest(session.resolve("alf"), "_ibl_wheel.timestamps");
        Path positions = largest(session.resolve("alf"), "_ibl_wheel.position");
        double[] t = NpyReader.read(times).toDoubleArray();
        double[] p = NpyReader.read(positions).toDoubleArray();
        if (t.length != p.length || t.length < 2) {
            throw new IllegalArgumentException(times + " and " + positions + " differ in length or hold fewer than 2 samples");
        }
        int n = (int) Math.ceil((t[t.length - 1] + 3) / GRID);
        double[] speed = new double[n];
        int j = 0;
        double previous = interpolate(t, p, 0, 0);
        for (int k = 1; k < n; k++) {
            double at = k * GRID;
            while (j + 1 < t.length && t[j + 1] < at) {
                j++;
            }
            double now = interpolate(t, p, at, j);
            speed[k] = Math.abs(now - previous) / GRID;
            previous = now;
        }
        return speed;
    }

    private static double interpolate(double[] t, double[] p, double at, int j) {
        if (at <= t[0]) {
            return p[0];
        }
        if (j + 1 >= t.length) {
            return p[t.length - 1];
        }
        double f = (at - t[j]) / (t[j + 1] - t[j]);
        return p[j] + Math.max(0, Math.min(1, f)) * (p[j + 1] - p[j]);
    }

    /** Spikes of probe 00 per grid step, smoothed over 50 ms and divided by the mean; 1 everywhere without spikes. */
    private static double[] spikeRate(Path session, int n) {
        double[] rate = new double[n];
        Path probe = session.resolve("alf").resolve("probe00");
        if (!Files.isDirectory(probe)) {
            Arrays.fill(rate, 1);
            return rate;
        }
        double[] spikes = NpyReader.read(largest(probe, "spikes.times")).toDoubleArray();
        double[] counts = new double[n];
        for (double s : spikes) {
            int k = (int) Math.floor(s / GRID);
            if (k >= 0 && k < n) {
                counts[k]++;
            }
        }
        double mean = 0;
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int d = -2; d <= 2; d++) {
                sum += counts[Math.max(0, Math.min(n - 1, k + d))];
            }
            rate[k] = sum / 5;
            mean += rate[k] / n;
        }
        for (int k = 0; k < n; k++) {
            rate[k] = mean > 0 ? rate[k] / mean : 1;
        }
        return rate;
    }

    private static double[] normalised(double[] x, double quantile, double clip) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double q = sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = q > 0 ? Math.min(clip, x[i] / q) : 0;
        }
        return out;
    }

    /** The largest {@code <prefix>*.npy} under {@code dir} (the main spike sorting, not a stray small copy). */
    private static Path largest(Path dir, String prefix) {
        try (Stream<Path> s = Files.walk(dir, 4)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(prefix + ".") && p.getFileName().toString().endsWith(".npy"))
                    .max((a, b) -> Long.compare(size(a), size(b)))
                    .orElseThrow(() -> new IllegalArgumentException(dir + " has no " + prefix + ".npy; synthetic LFP follows the"
                            + " session's wheel and spikes"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
