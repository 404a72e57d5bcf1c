package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's ./neds script, run in a stand-in checkout whose {@code mvn} only records that it
 * ran and writes a launcher that prints its arguments.
 */
class RootScriptTest {

    private static final Path ROOT_SCRIPT = Path.of("../neds").toAbsolutePath().normalize();

    @TempDir
    Path checkout;

    private Path launcher;
    private Path mvnLog;

    private record Result(int status, String out) {
    }

    @BeforeEach
    void standInCheckout() throws IOException {
        Files.copy(ROOT_SCRIPT, checkout.resolve("neds"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(checkout.resolve("pom.xml"), "<project>\n  <groupId>org.nedsj</groupId>\n  <version>9.8.7</version>\n</project>\n");
        Files.createDirectories(checkout.resolve("neds-model/src/main/java"));
        Files.writeString(checkout.resolve("neds-model/src/main/java/Model.java"), "class Model {}\n");
        launcher = checkout.resolve("neds-dist/target/neds-9.8.7/neds-9.8.7/bin/neds");
        mvnLog = checkout.resolve("mvn.log");
        Path template = checkout.resolve("tools/launcher");
        Files.createDirectories(template.getParent());
        Files.writeString(template, "#!/usr/bin/env bash\nprintf 'launched:%s\\n' \"$@\"\n");
        Path mvn = checkout.resolve("tools/mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\n"
                + "echo \"mvn $*\" >> '" + mvnLog + "'\n"
                + "[ -n \"${FAIL_BUILD:-}\" ] && exit 1\n"
                + "mkdir -p '" + launcher.getParent() + "'\n"
                + "cp '" + template + "' '" + launcher + "'\n"
                + "chmod +x '" + launcher + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(boolean failBuild, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("neds").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", checkout.resolve("tools") + ":" + System.getenv("PATH"));
        if (failBuild) {
            pb.environment().put("FAIL_BUILD", "1");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    private List<String> builds() throws IOException {
        return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
    }

    @Test
    void buildsAMissingDistributionQuietlyThenRunsItWithAllArguments() throws Exception {
        Result r = run(false, "train", "--set", "data.path=/my data");
        assertEquals(0, r.status(), r.out());
        assertEquals(List.of("mvn -B -q -DskipTests install"), builds());
        assertEquals(List.of("neds: building the distribution (mvn -B -q -DskipTests install; the first build downloads dependencies) ...",
                "launched:train", "launched:--set", "launched:data.path=/my data"), r.out().lines().toList());
    }

    @Test
    void anUpToDateDistributionRunsWithoutABuild() throws Exception {
        run(false, "plugins");
        Result r = run(false, "demo");
        assertEquals(List.of("launched:demo"), r.out().lines().toList());
        assertEquals(1, builds().size());
    }

    @Test
    void aSourceFileNewerThanTheDistributionRebuildsIt() throws Exception {
        run(false, "plugins");
        Files.setLastModifiedTime(launcher, FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(checkout.resolve("neds-model/src/main/java/Model.java"), "class Model { int x; }\n");
        Result r = run(false, "demo");
        assertEquals(0, r.status(), r.out());
        assertEquals(2, builds().size());
        assertTrue(r.out().endsWith("launched:demo\n"), r.out());
        assertTrue(Files.getLastModifiedTime(launcher).toInstant().isAfter(Instant.now().minusSeconds(30)), "the build marks itself newest");
    }

    @Test
    void filesUnderTargetDoNotCountAsSources() throws Exception {
        run(false, "plugins");
        FileTime earlier = FileTime.from(Instant.now().minusSeconds(120));
        Files.setLastModifiedTime(checkout.resolve("pom.xml"), earlier);
        Files.setLastModifiedTime(checkout.resolve("neds-model/src/main/java/Model.java"), earlier);
        Files.setLastModifiedTime(launcher, FileTime.from(Instant.now().minusSeconds(60)));
        Files.createDirectories(checkout.resolve("neds-model/target/src"));
        Files.writeString(checkout.resolve("neds-model/target/src/Generated.java"), "class Generated {}\n");
        run(false, "demo");
        assertEquals(1, builds().size());
    }

    @Test
    void aFailedBuildStopsWithAMessage() throws Exception {
        Result r = run(true, "demo");
        assertEquals(1, r.status());
        assertTrue(r.out().endsWith("neds: the build failed; see the Maven output above\n"), r.out());
        assertFalse(Files.exists(launcher));
    }
}
