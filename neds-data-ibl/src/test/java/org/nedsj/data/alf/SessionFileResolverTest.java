package org.nedsj.data.alf;

import org.nedsj.prep.align.IncompleteSessionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.HandMadeSession;
import org.nedsj.data.PreprocessingConfig;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionFileResolverTest {

    @TempDir
    Path root;
    HandMadeSession s;
    final PreprocessingConfig config = PreprocessingConfig.defaults();

    @BeforeEach
    void behaviour() {
        s = HandMadeSession.create(root, "lab", "S1", "2024-01-01", "001");
        s.wheel(new double[]{0, 1}, new double[]{0, 0}).camera("right", new double[]{0, 1}, new double[]{1, 1});
    }

    private SessionRef ref() {
        return SessionFinder.find(root).get(0);
    }

    private static double[] trialValues() {
        return new double[]{1, 2};
    }

    private void perAttributeTrials(String collection) {
        s.trials(collection, HandMadeSession.attributes("stimOn_times", trialValues(), "goCue_times", trialValues(),
                "firstMovement_times", trialValues(), "feedback_times", trialValues(), "choice", trialValues(),
                "feedbackType", trialValues(), "probabilityLeft", trialValues()));
    }

    @Test
    void prefersIblsorterThenPykilosortThenThePlainProbeFolder() {
        perAttributeTrials("");
        s.probe("probe00", List.of(new double[]{1}), 1);
        assertEquals("alf/probe00", SessionFileResolver.resolve(ref(), config).probes().get(0).label());
        s.probe("probe00/pykilosort", List.of(new double[]{1}), 1);
        assertEquals("alf/probe00/pykilosort", SessionFileResolver.resolve(ref(), config).probes().get(0).label());
        s.probe("probe00/iblsorter", List.of(new double[]{1}), 1);
        s.probe("probe01", List.of(new double[]{1}), 1);
        SessionFiles files = SessionFileResolver.resolve(ref(), config);
        assertEquals(List.of("alf/probe00/iblsorter", "alf/probe01"), files.probes().stream().map(ProbeFiles::label).toList());
        assertNull(files.probes().get(0).metrics(), "metrics are only needed for good-units-only");
    }

    @Test
    void readsTheTrialsTableAndTaskCollections() {
        s.trialsTable("task_00", HandMadeSession.attributes("intervals_0", trialValues(), "intervals_1", trialValues(),
                "stimOn_times", trialValues(), "goCue_times", trialValues(), "firstMovement_times", trialValues(),
                "feedback_times", trialValues(), "choice", trialValues(), "feedbackType", trialValues()));
        s.trials("task_00", HandMadeSession.attributes("probabilityLeft", trialValues()));
        s.probe("probe00", List.of(new double[]{1}), 1);
        SessionFiles files = SessionFileResolver.resolve(ref(), config);
        assertEquals("alf/task_00", files.trialsCollection());
        assertTrue(files.trialsTable().endsWith("_ibl_trials.table.pqt"));
        assertEquals(List.of("probabilityLeft"), List.copyOf(files.trialAttributes().keySet()),
                "attributes the table lacks come from their own files");
    }

    @Test
    void namesTheMissingTrialsFile() {
        perAttributeTrials("");
        s.alf().resolve("_ibl_trials.feedbackType.npy").toFile().delete();
        s.probe("probe00", List.of(new double[]{1}), 1);
        AlfDataException e = assertThrows(AlfDataException.class, () -> SessionFileResolver.resolve(ref(), config));
        assertTrue(e.getMessage().contains(s.alf().resolve("_ibl_trials.feedbackType.npy").toString()), e.getMessage());
    }

    @Test
    void aSessionWithoutSpikeSortingIsIncomplete() {
        perAttributeTrials("");
        IncompleteSessionException e = assertThrows(IncompleteSessionException.class, () -> SessionFileResolver.resolve(ref(), config));
        assertTrue(e.getMessage().contains("no spike sorting"), e.getMessage());
    }
}
