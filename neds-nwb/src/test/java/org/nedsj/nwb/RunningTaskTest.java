package org.nedsj.nwb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A non-IBL task through the mapping the distribution ships (conf/nwb-running.conf). */
class RunningTaskTest {

    static final Path CONF = Path.of("../neds-dist/src/dist/conf/nwb-running.conf");

    private static Config data() {
        return ConfigFactory.parseFile(CONF.toFile()).resolve().getConfig("data");
    }

    @Test
    void keepsTheMappedTrialsUnitsAndBehaviours() {
        PreparedSession s = new NwbSessionReader(NwbMapping.from(data())).prepare(Fixtures.RUNNING);
        assertEquals(59, s.trials(), "the gray trial is no mapped stimulus class");
        assertEquals(1, s.summary().dropped("stimulus-value"));
        assertEquals(4, s.summary().unitsNotGood(), "two mua, one noise, and one good unit not observed in every window");
        assertArrayEquals(new long[]{0, 1, 3, 6, 7}, s.units(), "the good, observed units above 5 Hz (unit 4 is below)");
        assertEquals(1, s.summary().unitsBelowRate());
        assertEquals(List.of("pupil", "running"), List.copyOf(s.dynamic().keySet()));
        double sum = 0;
        for (float v : s.dynamic("running")) {
            sum += v;
        }
        assertEquals(0.0, sum / s.dynamic("running").length, 1e-5, "z-scored per session");
        assertTrue(s.summary().scaling().get("running").get("max") > 10, "raw speed in cm/s before scaling");
    }

    @Test
    void stimulusClassesFollowTheMappingsOrder() {
        PreparedSession s = new NwbSessionReader(NwbMapping.from(data())).prepare(Fixtures.RUNNING);
        String[] labels;
        try (NwbFile file = NwbFile.open(Fixtures.RUNNING)) {
            labels = new TrialsTable(file, "intervals/trials").labels("stimulus", "test");
        }
        List<String> classes = List.of("grating", "natural", "blank");
        byte[] stimulus = s.category("stimulus");
        for (int k = 0; k < s.trials(); k++) {
            assertEquals(labels[(int) s.trialIndex()[k]], classes.get(stimulus[k]), "trial " + k);
        }
    }

    @Test
    void theNwbSourceOffersTheMappedModalitiesInMemory() {
        Config data = data().withValue("path", com.typesafe.config.ConfigValueFactory.fromAnyRef(Fixtures.RUNNING.toString()));
        try (DataSource source = new NwbSourceFactory().create(data)) {
            assertEquals(List.of("spikes", "running", "pupil", "stimulus").stream().sorted().toList(),
                    source.modalities().stream().map(ModalitySpec::name).sorted().toList());
            assertEquals(3, source.modalities().stream().filter(ModalitySpec::isStatic).findFirst().orElseThrow().classes());
            assertEquals("running_task", source.sessions().get(0).id());
            assertEquals(59, source.sessions().get(0).trials());
            float[] stimulus = new float[1];
            source.session("running_task").copyTrial("stimulus", 0, stimulus, 0, 1);
            assertTrue(stimulus[0] >= 0 && stimulus[0] <= 2);
        }
    }
}
