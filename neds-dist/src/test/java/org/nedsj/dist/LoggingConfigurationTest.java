package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The distribution's logback.xml: it loads cleanly, NEDS-J logs at INFO, libraries only from WARN. */
class LoggingConfigurationTest {

    @Test
    void loadsWithoutErrors() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getEffectiveLevel() >= Status.WARN).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void librariesAreQuietBelowWarn() {
        for (String library : List.of("org.nd4j.linalg.factory.Nd4jBackend", "org.deeplearning4j.nn", "org.bytedeco.javacpp",
                "org.tribuo.regression", "com.google.inject.internal", "org.apache.commons")) {
            assertFalse(LoggerFactory.getLogger(library).isInfoEnabled(), library);
            assertTrue(LoggerFactory.getLogger(library).isWarnEnabled(), library);
        }
        assertTrue(LoggerFactory.getLogger("org.nedsj.trainer.Training").isInfoEnabled());
    }

    @Test
    void javaUtilLoggingFollowsTheSameLevels() {
        assertFalse(java.util.logging.Logger.getLogger("org.tribuo").isLoggable(java.util.logging.Level.INFO));
        assertTrue(java.util.logging.Logger.getLogger("org.tribuo").isLoggable(java.util.logging.Level.WARNING));
    }
}
