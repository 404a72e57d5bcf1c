package org.nedsj.prep.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticPreparedDataTest {

    @Test
    void spreadsWidthsEvenlyFromTheNarrowestToTheWidest() {
        assertEquals(List.of(100, 450, 800), List.of(SyntheticPreparedData.width(0, 3, 100, 800),
                SyntheticPreparedData.width(1, 3, 100, 800), SyntheticPreparedData.width(2, 3, 100, 800)));
        assertEquals(800, SyntheticPreparedData.width(0, 1, 100, 800));
    }

    @Test
    void writesSessionsInThePreparedFormatAndMapsThemBack(@TempDir Path dir) {
        PreparedDataSource data = SyntheticPreparedData.write(dir, 3, 20, 5, 10, 30, 7);
        List<SessionInfo> sessions = data.sessions();
        assertEquals(List.of(10, 20, 30), sessions.stream().map(SessionInfo::neurons).toList());
        assertEquals(List.of("spikes", "wheel", "whisker", "choice", "block"),
                data.modalities().stream().map(ModalitySpec::name).toList());
        for (SessionInfo s : sessions) {
            assertTrue(Files.isRegularFile(dir.resolve(s.id()).resolve(PreparedFiles.SPIKES)), s.id());
            assertEquals(List.of(14, 2, 4), List.of(s.trainTrials(), s.valTrials(), s.testTrials()));
            assertEquals(Split.VAL, data.session(s.id()).split(7));
        }
        float[] spikes = new float[5 * 30];
        data.session(sessions.get(2).id()).copyTrial("spikes", 19, spikes, 0, 30);
        double sum = 0;
        for (float v : spikes) {
            assertTrue(v >= 0 && v <= 4 && v == Math.rint(v), "count " + v);
            sum += v;
        }
        assertTrue(sum > 0, "a trial of 150 counts with a quarter non-zero is not all zero");
    }
}
