package org.nedsj.prep.align;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks one value of a config section and names its full key when it is wrong. */
public record RuleCheck(String prefix) {

    /** @throws IllegalArgumentException "{prefix}.{key} {problem}" when not {@code ok} */
    public void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(prefix + "." + key + " " + problem);
        }
    }

    /** A map keeping the order of its key/value pairs. */
    public static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
