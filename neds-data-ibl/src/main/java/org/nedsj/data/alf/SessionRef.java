package org.nedsj.data.alf;

import java.nio.file.Path;

/**
 * A session folder of an ALF/ONE cache, {@code <lab>/Subjects/<subject>/<YYYY-MM-DD>/<NNN>}.
 *
 * @param lab     the lab, or empty when the folder is not under {@code <lab>/Subjects}
 * @param subject the subject (mouse) name
 * @param date    the session date, {@code YYYY-MM-DD}
 * @param number  the session number of that day, three digits
 * @param path    the session folder
 */
public record SessionRef(String lab, String subject, String date, String number, Path path) {

    /** A stable, filesystem-safe id, e.g. {@code cortexlab_KS023_2019-12-10_001}. */
    public String id() {
        String raw = (lab.isEmpty() ? "" : lab + "_") + subject + "_" + date + "_" + number;
        return raw.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The folder of the session's ALF collections. */
    public Path alf() {
        return path.resolve("alf");
    }
}
