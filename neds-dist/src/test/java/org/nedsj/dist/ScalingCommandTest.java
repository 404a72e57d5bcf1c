package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neds scaling} on three tiny synthetic sessions with one-epoch budgets: pretraining on 1 and
 * 2 sessions, fine-tuning on the third, the table and plot, a rerun that reuses finished runs, and
 * the requests it refuses.
 */
class ScalingCommandTest {

    @TempDir
    Path root;

    @Test
    void pretrainsOnGrowingSubsetsFineTunesOnTheHeldOutSessionAndReusesFinishedRuns() throws IOException {
        Path alf = root.resolve("alf");
        Path data = root.resolve("data");
        assertEquals(0, CommandRun.of("synth", "--out", alf.toString(), "--sessions", "3", "--trials", "30", "--seed", "3").status());
        assertEquals(0, CommandRun.of("prepare", "--alf", alf.toString(), "--out", data.toString()).status());
        List<String> sessions;
        try (Stream<Path> dirs = Files.list(data)) {
            sessions = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        // the baselines (ScalingTableTest covers their reference rows) would double the test's time
        Path experiment = Files.writeString(root.resolve("tiny.conf"), TinyWorld.config(data, 1)
                + "finetune.epochs = 1\neval.baselines.enabled = false\n");
        Path out = root.resolve("scaling");

        CommandRun first = CommandRun.of("scaling", "--config", experiment.toString(), "--sessions", "2,1", "--out", out.toString());
        assertEquals(0, first.status(), first.err());
        List<String> csv = Files.readAllLines(out.resolve("scaling.csv"));
        assertTrue(csv.get(0).startsWith("pretraining_sessions,encoding/spikes.bps,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("1,") && csv.get(2).startsWith("2,"), csv.toString());
        assertTrue(csv.stream().noneMatch(l -> l.startsWith("\"")), "no reference rows without baselines: " + csv);
        // the second point paired with the first on the held-out session's test trials: difference, lower, upper
        assertEquals(List.of("2 sessions − 1 session difference", "2 sessions − 1 session lower", "2 sessions − 1 session upper"),
                csv.subList(3, 6).stream().map(l -> l.substring(0, l.indexOf(','))).toList(), csv.toString());
        int columns = csv.get(0).split(",").length - 1;
        String html = Files.readString(out.resolve("scaling.html"));
        assertEquals(columns, Pattern.compile("<svg").matcher(html).results().count(), "one chart per metric");
        // the last session is held out by default: fine-tuned and evaluated on it alone, pretrained on the first N
        JsonNode report = new ObjectMapper().readTree(out.resolve("n2/finetuned/report/report.json").toFile());
        assertEquals(List.of(sessions.get(2)), fieldNames(report.get("sessions")));
        String text = Files.readString(out.resolve("scaling.txt"));
        assertTrue(text.contains("1: " + sessions.get(0) + "\n") && text.contains("2: " + sessions.get(0) + ", " + sessions.get(1)),
                text);
        assertTrue(Files.readString(out.resolve("n1/pretrained/resolved.conf")).contains(sessions.get(1)),
                "the one-session pretraining holds the second session out");

        // a rerun reuses both points: no checkpoint is written again, the table is the same
        FileTime pretrained = Files.getLastModifiedTime(out.resolve("n2/pretrained/checkpoints/latest.zip"));
        FileTime finetuned = Files.getLastModifiedTime(out.resolve("n1/finetuned/checkpoints/latest.zip"));
        Files.delete(out.resolve("n2/finetuned/report/report.json"));  // as if killed while evaluating
        CommandRun again = CommandRun.of("scaling", "--config", experiment.toString(), "--sessions", "1,2", "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(pretrained, Files.getLastModifiedTime(out.resolve("n2/pretrained/checkpoints/latest.zip")));
        assertEquals(finetuned, Files.getLastModifiedTime(out.resolve("n1/finetuned/checkpoints/latest.zip")));
        assertTrue(Files.isRegularFile(out.resolve("n2/finetuned/report/report.json")), "the missing evaluation is redone");
        // the same points; the first is read back from its report, which keeps no per-trial statistics: not paired
        assertEquals(csv.subList(0, 3), Files.readAllLines(out.resolve("scaling.csv")));
        assertTrue(Files.readString(out.resolve("scaling.txt")).contains("Not paired with the first point"));

        // other settings in the same folder are refused, naming the folder
        CommandRun other = CommandRun.of("scaling", "--config", experiment.toString(), "--sessions", "1",
                "--held-out", sessions.get(0), "--out", out.toString());
        assertEquals(2, other.status());
        assertTrue(other.err().contains("other settings") && other.err().contains(out.toString()), other.err());
        // more pretraining sessions than the data has besides the held-out one
        CommandRun tooMany = CommandRun.of("scaling", "--config", experiment.toString(), "--sessions", "3",
                "--out", root.resolve("never").toString());
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("--sessions") && tooMany.err().contains("up to 2"), tooMany.err());
        assertFalse(Files.exists(root.resolve("never")), "nothing written for a bad request");
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
