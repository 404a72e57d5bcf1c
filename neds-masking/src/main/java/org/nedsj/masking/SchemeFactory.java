package org.nedsj.masking;

import com.typesafe.config.Config;
import java.util.function.BiFunction;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;

/** A named {@link MaskingSchemeFactory} that builds its scheme with a function of the masking section. */
record SchemeFactory(String name, String description, BiFunction<Config, SchemeCatalog, MaskingScheme> builder)
        implements MaskingSchemeFactory {

    @Override
    public MaskingScheme create(Config masking, SchemeCatalog schemes) {
        return builder.apply(masking, schemes);
    }
}
