package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The distribution's bash launcher, src/dist/bin/neds, run with a stand-in java and stand-in CPUs. */
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("src/dist/bin/neds").toAbsolutePath();

    @TempDir
    Path tmp;

    private record Result(int status, String out) {
    }

    private static Result bash(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    private Path cpu(String vendor, int family, int model, String flags) throws IOException {
        return Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + family
                + "\nmodel\t\t: " + model + "\nmodel name\t: test cpu\nflags\t\t: fpu sse2 " + flags + " fma\n\nprocessor\t: 1\n");
    }

    private String coretype(Path cpuinfo, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("NEDS_CPUINFO", cpuinfo.toString());
        Result r = bash(env, List.of("bash", "-c", "source \"$0\" && openblas_coretype", SCRIPT.toString()));
        assertEquals(0, r.status(), r.out());
        return r.out().strip();
    }

    @ParameterizedTest(name = "{0} family {1} model {2} {3} -> [{4}]")
    @CsvSource({
        "AuthenticAMD, 25, 1, avx avx2, Haswell",     // Zen 3
        "AuthenticAMD, 25, 97, avx avx2, Haswell",    // Zen 4
        "AuthenticAMD, 26, 2, avx avx2, Haswell",     // Zen 5 without AVX-512 listed
        "AuthenticAMD, 26, 2, avx avx2 avx512f avx512dq avx512bw avx512vl, SkylakeX",   // Zen 5
        "AuthenticAMD, 25, 97, avx avx2 avx512f avx512bw, Haswell",                   // AVX-512 incomplete
        "GenuineIntel, 6, 143, avx avx2 avx512f avx512dq avx512bw avx512vl, SkylakeX", // Sapphire Rapids
        "GenuineIntel, 6, 85, avx avx2 avx512f avx512dq avx512bw avx512vl, ''",        // Skylake-SP: known
        "AuthenticAMD, 23, 49, avx avx2, ''",         // Zen 2: OpenBLAS 0.3.19 knows it
        "AuthenticAMD, 21, 2, avx, ''",               // Piledriver: no AVX2
        "GenuineIntel, 6, 151, avx avx2, Haswell",    // Alder Lake
        "GenuineIntel, 6, 143, avx avx2, Haswell",    // Sapphire Rapids
        "GenuineIntel, 6, 183, avx avx2, Haswell",    // Raptor Lake
        "GenuineIntel, 6, 85, avx avx2, ''",          // Skylake-SP: known
        "GenuineIntel, 6, 158, avx avx2, ''",         // Coffee Lake: known
        "GenuineIntel, 6, 190, avx, ''",              // no AVX2 listed: leave OpenBLAS's choice
        "GenuineIntel, 19, 1, avx avx2, Haswell",     // a family after 6
        "HygonGenuine, 24, 1, avx avx2, ''"})
    void choosesKernelsOnlyForCpusOpenBlas0319DoesNotKnow(String vendor, int family, int model, String flags, String expected)
            throws IOException, InterruptedException {
        assertEquals(expected, coretype(cpu(vendor, family, model, flags), Map.of()));
    }

    @Test
    void keepsTheCoreTypeTheUserSet() throws IOException, InterruptedException {
        assertEquals("Zen", coretype(cpu("AuthenticAMD", 25, 1, "avx avx2"), Map.of("OPENBLAS_CORETYPE", "Zen")));
    }

    @Test
    void noCpuDescriptionMeansNoChoice() throws IOException, InterruptedException {
        assertEquals("", coretype(tmp.resolve("absent"), Map.of()));
    }

    /** A stand-in JDK whose java prints its arguments, OPENBLAS_CORETYPE and OMP_WAIT_POLICY. */
    private Path fakeJdk() throws IOException {
        Path java = tmp.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/usr/bin/env bash\nprintf 'arg:%s\\n' \"$@\"\necho \"coretype:${OPENBLAS_CORETYPE:-}\"\n"
                + "echo \"omp:${OMP_WAIT_POLICY:-}\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tmp.resolve("jdk");
    }

    private List<String> launch(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        Result r = bash(env, command);
        assertEquals(0, r.status(), r.out());
        return r.out().lines().toList();
    }

    @Test
    void runsJavaWithTheDistributionsClassPathHomeAndOptions() throws IOException, InterruptedException {
        Path home = SCRIPT.getParent().getParent();
        List<String> lines = launch(SCRIPT, Map.of("JAVA_HOME", fakeJdk().toString(), "NEDS_CPUINFO", cpu("AuthenticAMD", 25, 1, "avx2").toString()),
                "train", "--set", "data.path=/my data");
        assertEquals(List.of("arg:-Xmx8g", "arg:--add-opens=java.base/java.nio=ALL-UNNAMED", "arg:--add-modules",
                "arg:jdk.incubator.vector", "arg:-Dorg.bytedeco.javacpp.logger=slf4j",
                "arg:-Dneds.home=" + home, "arg:-cp", "arg:" + home + "/lib/*", "arg:org.nedsj.dist.Neds",
                "arg:train", "arg:--set", "arg:data.path=/my data", "coretype:Haswell", "omp:PASSIVE"), lines);
    }

    /** tools/test-jvm/bin/java, the JVM the tests fork on Unix: the given java, with the launcher's core type. */
    @Test
    void theTestsJvmRunsTheGivenJavaWithTheLaunchersCoreType() throws IOException, InterruptedException {
        Path wrapper = Path.of("../tools/test-jvm/bin/java").toAbsolutePath().normalize();
        String java = fakeJdk().resolve("bin/java").toString();
        List<String> lines = launch(wrapper, Map.of("NEDS_TEST_JAVA", java,
                "NEDS_CPUINFO", cpu("AuthenticAMD", 25, 1, "avx2").toString()), "-Xmx3g", "-cp", "a b");
        assertEquals(List.of("arg:-Xmx3g", "arg:-cp", "arg:a b", "coretype:Haswell", "omp:"), lines);
        lines = launch(wrapper, Map.of("NEDS_TEST_JAVA", java, "OPENBLAS_CORETYPE", "Zen"), "-version");
        assertEquals("coretype:Zen", lines.get(1));
    }

    @Test
    void keepsTheOpenMpWaitPolicyTheUserSet() throws IOException, InterruptedException {
        List<String> lines = launch(SCRIPT, Map.of("JAVA_HOME", fakeJdk().toString(), "OMP_WAIT_POLICY", "ACTIVE"), "plugins");
        assertEquals("omp:ACTIVE", lines.get(lines.size() - 1));
    }

    @Test
    void aHeapSizeInJavaOptsReplacesTheDefault() throws IOException, InterruptedException {
        List<String> lines = launch(SCRIPT, Map.of("JAVA_HOME", fakeJdk().toString(), "JAVA_OPTS", "-Xmx2g -Dx=1", "OPENBLAS_CORETYPE", "Zen"),
                "plugins");
        assertEquals(List.of("arg:-Xmx2g", "arg:-Dx=1"), lines.subList(0, 2));
        assertTrue(lines.stream().noneMatch(l -> l.equals("arg:-Xmx8g")), lines.toString());
        assertEquals("coretype:Zen", lines.get(lines.size() - 2));
    }

    @Test
    void findsItsHomeThroughASymlink() throws IOException, InterruptedException {
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("usr/bin")).resolve("neds"), SCRIPT);
        List<String> lines = launch(link, Map.of("JAVA_HOME", fakeJdk().toString()), "--version");
        assertTrue(lines.contains("arg:-Dneds.home=" + SCRIPT.getParent().getParent()), lines.toString());
    }

    /** A distribution of the launcher alone under tmp, with or without the Spark bundle's folder. */
    private Path distribution(boolean sparkBundle) throws IOException {
        Path home = tmp.resolve("neds-0.1.0");
        Path script = Files.createDirectories(home.resolve("bin")).resolve("neds");
        Files.copy(SCRIPT, script);
        Files.createDirectories(home.resolve("lib"));
        if (sparkBundle) {
            Files.createFile(Files.createDirectories(home.resolve("spark")).resolve("neds-spark-0.1.0.jar"));
        }
        return home;
    }

    /** The --add-opens flags the neds-spark tests run Spark with (spark.opens in neds-spark/pom.xml). */
    private static List<String> sparkOpens() throws IOException {
        String pom = Files.readString(Path.of("../neds-spark/pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<spark.opens>(.*)</spark.opens>").matcher(pom);
        assertTrue(m.find(), "spark.opens in neds-spark/pom.xml");
        return List.of(m.group(1).trim().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'train,--config,x.conf,--spark,local[2]'", "'train,--spark=spark://host:7077,--config,x.conf'",
        "'tune,--spark,local[2],--config,x.conf'"})
    void sparkPutsTheBundleBeforeLibAndAddsSparksOpens(String args) throws IOException, InterruptedException {
        Path home = distribution(true);
        List<String> lines = launch(home.resolve("bin/neds"), Map.of("JAVA_HOME", fakeJdk().toString(), "OPENBLAS_CORETYPE", "Zen"),
                args.split(","));
        List<String> expected = new ArrayList<>(List.of("arg:-Xmx8g", "arg:--add-opens=java.base/java.nio=ALL-UNNAMED",
                "arg:--add-modules", "arg:jdk.incubator.vector"));
        sparkOpens().forEach(o -> expected.add("arg:" + o));
        expected.addAll(List.of("arg:-Dorg.bytedeco.javacpp.logger=slf4j", "arg:-Dneds.home=" + home, "arg:-cp",
                "arg:" + home + "/spark/*:" + home + "/lib/*", "arg:org.nedsj.dist.Neds"));
        for (String a : args.split(",")) {
            expected.add("arg:" + a);
        }
        assertEquals(expected, lines.subList(0, expected.size()));
    }

    @Test
    void sparkWithoutTheBundleIsOneMessageAndNoJava() throws IOException, InterruptedException {
        Path home = distribution(false);
        Result r = bash(Map.of("JAVA_HOME", fakeJdk().toString()),
                List.of("bash", home.resolve("bin/neds").toString(), "train", "--config", "x.conf", "--spark", "local[2]"));
        assertEquals(2, r.status(), r.out());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("--spark needs the Spark bundle, which is not in " + home + "/spark")
                && r.out().contains("neds-spark-bundle-VERSION.tar.gz"), r.out());
        assertTrue(!r.out().contains("arg:"), "java was not started: " + r.out());
    }

    @Test
    void aSparkKeyWithoutSparkLeavesTheClassPathAlone() throws IOException, InterruptedException {
        Path home = distribution(false);
        List<String> lines = launch(home.resolve("bin/neds"), Map.of("JAVA_HOME", fakeJdk().toString()),
                "train", "--set", "train.spark.tasks=2");
        assertTrue(lines.contains("arg:" + home + "/lib/*"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("java.lang.invoke")), lines.toString());
    }
}
