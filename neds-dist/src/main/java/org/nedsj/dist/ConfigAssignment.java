package org.nedsj.dist;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Checks the shape of a {@code --set key=value} argument; the value is parsed later, as HOCON, with the experiment. */
final class ConfigAssignment implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || value.substring(0, eq).isBlank()) {
            throw new TypeConversionException("'" + value + "' is not key=value, e.g. --set data.path=/data/prepared");
        }
        return value;
    }
}
