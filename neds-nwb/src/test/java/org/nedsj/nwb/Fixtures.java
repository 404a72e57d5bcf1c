package org.nedsj.nwb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.nio.file.Path;

/** The committed fixtures (written by src/test/python/write_nwb_fixtures.py with h5py) and mappings. */
final class Fixtures {

    static final Path ROOT = Path.of("src/test/resources/fixtures").toAbsolutePath();
    static final String IBL_ID = "fixturelab_NWB001_2024-03-01_001";
    static final Path IBL_NWB = ROOT.resolve("ibl_like/" + IBL_ID + ".nwb");
    static final Path IBL_ALF = ROOT.resolve("ibl_like/alf");
    static final Path RUNNING = ROOT.resolve("running_task.nwb");

    private Fixtures() {
    }

    /** The {@code data} section of a mapping under src/test/resources/mappings. */
    static Config data(String mapping) {
        return ConfigFactory.parseResources(Fixtures.class.getClassLoader(), "mappings/" + mapping).resolve().getConfig("data");
    }
}
