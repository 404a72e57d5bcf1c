package org.nedsj.trainer.parallel;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train.<engine>.tasks} as the cluster engine gets it, and an engine missing from the class path. */
class ClusterMasterTest {

    private static final ClusterMaster SPARK = new ClusterMaster("spark", "local[2]");

    private static int tasks(String value) {
        return SPARK.tasks(ConfigFactory.parseString("spark.tasks = " + value));
    }

    @Test
    void autoIsTheEnginesDefaultAndAWholeNumberIsKept() {
        assertEquals(0, tasks("auto"));
        assertEquals(3, tasks("3"));
        assertEquals(4, tasks("\"4\""), "as -Dneds.train.spark.tasks=4 gives it");
    }

    @Test
    void anythingElseNamesTheKeyAndTheFix() {
        for (String bad : new String[] {"0", "-2", "many", "1.5", "\"0\""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tasks(bad));
            assertTrue(e.getMessage().startsWith("train.spark.tasks = ") && e.getMessage().contains("or auto")
                    && e.getMessage().contains("--set train.spark.tasks="), e.getMessage());
        }
    }

    @Test
    void aMasterIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterMaster("spark", " "));
    }

    @Test
    void anEngineNotOnTheClassPathSaysWhichBundleToUnpack() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterStepFactory.find("nowhere"));
        assertTrue(e.getMessage().startsWith("--nowhere needs the nowhere bundle, which is not on the class path")
                && e.getMessage().contains("neds-nowhere-bundle-<version>.tar.gz"), e.getMessage());
    }
}
