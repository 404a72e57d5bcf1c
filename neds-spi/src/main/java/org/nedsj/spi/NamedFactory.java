package org.nedsj.spi;

/** What every factory of an extension point has: the name configs use to select it. */
public interface NamedFactory {

    /** Unique within its extension point, lower-case with dashes, e.g. {@code ibl-alf}. */
    String name();

    /** One line for {@code neds plugins}. */
    String description();
}
