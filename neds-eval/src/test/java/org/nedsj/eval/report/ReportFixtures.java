package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.FakePredictor;
import org.nedsj.eval.SyntheticSessions;
import org.nedsj.spi.Split;

/** A report of a fake model on synthetic sessions, and a metrics.csv like the trainer's. */
public final class ReportFixtures {

    private ReportFixtures() {
    }

    /** Mean-rate spikes (bps 0, below the GLM) and perfect behaviour (above the baselines). */
    public static EvaluationReport report(FakePredictor.Mode mode, List<String> extraSchemes) {
        SyntheticSessions data = SyntheticSessions.create(2, 60, 30, 40, 3);
        return new Evaluator().evaluate(data, data.ids(), new FakePredictor(data, mode), extraSchemes, Split.TEST)
                .withRun("runs/synthetic-test");
    }

    public static Map<String, String> provenance() {
        var p = new LinkedHashMap<String, String>();
        p.put("run", "runs/synthetic-test");
        p.put("config_hash", "sha256:0f3a9c");
        p.put("seed", "42");
        p.put("data_fingerprint", "synthetic");
        p.put("versions", "neds-j 0.1.0, java 17");
        return p;
    }

    /** Two logged rows per epoch; validation only on the second. */
    public static Path metricsCsv(Path dir, int epochs) throws IOException {
        var sb = new StringBuilder("epoch,step,lr,seconds,trials_per_s,train_loss,val_loss,train_spikes,train_wheel,val_spikes,val_wheel\n");
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            for (int k = 0; k < 2; k++) {
                step++;
                double train = 2.0 * Math.exp(-0.3 * step) + 0.5;
                boolean val = k == 1;
                sb.append(String.format(Locale.ROOT, "%d,%d,0.0002,%.1f,120.5,%.4f,%s,%.4f,%.4f,%s,%s%n", e, step, step * 1.5,
                        train, val ? String.format(Locale.ROOT, "%.4f", train + 0.1) : "", train * 0.7, train * 0.3,
                        val ? String.format(Locale.ROOT, "%.4f", train * 0.75) : "", val ? String.format(Locale.ROOT, "%.4f", train * 0.35) : ""));
            }
        }
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, sb.toString());
        return file;
    }
}
