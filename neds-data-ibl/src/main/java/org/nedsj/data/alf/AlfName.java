package org.nedsj.data.alf;

import java.util.List;
import java.util.Optional;

/**
 * An ALF file name, {@code [_namespace_]object.attribute[_timescale][.extra…].extension}. Extras
 * (such as the UUID that files synced from the archive carry) are kept apart so that names match
 * without them.
 *
 * @param namespace the namespace without underscores (e.g. {@code ibl}), or empty
 * @param object    e.g. {@code spikes}, {@code trials}, {@code rightCamera}
 * @param attribute e.g. {@code times}, {@code stimOn_times}, {@code ROIMotionEnergy}
 * @param extras    the parts between attribute and extension (often a UUID), possibly empty
 * @param extension e.g. {@code npy}, {@code pqt}
 */
public record AlfName(String namespace, String object, String attribute, List<String> extras, String extension) {

    public AlfName {
        extras = List.copyOf(extras);
    }

    /** Parses a file name, or returns empty when it is not an ALF name. */
    public static Optional<AlfName> parse(String fileName) {
        String[] parts = fileName.split("\\.", -1);
        if (parts.length < 3) {
            return Optional.empty();
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                return Optional.empty();
            }
        }
        String object = parts[0];
        String namespace = "";
        if (object.startsWith("_")) {
            int close = object.indexOf('_', 1);
            if (close < 0 || close == object.length() - 1) {
                return Optional.empty();
            }
            namespace = object.substring(1, close);
            object = object.substring(close + 1);
        }
        List<String> extras = List.of(parts).subList(2, parts.length - 1);
        return Optional.of(new AlfName(namespace, object, parts[1], extras, parts[parts.length - 1]));
    }

    /** Whether this names {@code object.attribute.extension}, whatever the namespace and extras. */
    public boolean matches(String object, String attribute, String extension) {
        return this.object.equals(object) && this.attribute.equals(attribute) && this.extension.equals(extension);
    }
}
