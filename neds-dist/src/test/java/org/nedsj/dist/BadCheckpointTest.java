package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Damaged, edited and hostile checkpoints: {@code neds eval} refuses each with exit 2 and one line
 * naming the file, writes no report, and never follows an include stored in one.
 */
class BadCheckpointTest {

    @TempDir
    Path tmp;

    Path run;

    @BeforeEach
    void copyRun() {
        run = TinyWorld.get().copyOfRun(tmp);
    }

    private void assertEvalRefused(Consumer<Map<String, byte[]>> damage, String... message) {
        CheckpointFile.editAll(run, damage);
        assertEvalRefused(message);
    }

    private void assertEvalRefused(String... message) {
        FolderSnapshot before = FolderSnapshot.of(run);
        Rejection.assertUserError(CommandRun.of("eval", "--run", run.toString()), message);
        before.assertUnchanged();
    }

    @Test
    void aScalarInPlaceOfAMatrixIsRefused() {
        assertEvalRefused(e -> e.put(CheckpointFile.firstParameter(e), CheckpointFile.array(Nd4j.scalar(1f))),
                "parameter", "[]", "needs FLOAT");
    }

    @Test
    void aMatrixOfAnotherShapeIsRefused() {
        assertEvalRefused(e -> {
            String name = CheckpointFile.firstParameter(e);
            long[] shape = CheckpointFile.read(e.get(name)).shape();
            long[] other = shape.clone();
            other[0] = shape[0] * 2;
            e.put(name, CheckpointFile.array(Nd4j.zeros(DataType.FLOAT, other)));
        }, "parameter", "but the model it describes needs");
    }

    @Test
    void aParameterOfAnotherDataTypeIsRefused() {
        assertEvalRefused(e -> {
            String name = CheckpointFile.firstParameter(e);
            e.put(name, CheckpointFile.array(CheckpointFile.read(e.get(name)).castTo(DataType.DOUBLE)));
        }, "is DOUBLE", "needs FLOAT");
    }

    @Test
    void aNanWeightIsRefused() {
        assertEvalRefused(e -> {
            String name = CheckpointFile.firstParameter(e);
            INDArray a = CheckpointFile.read(e.get(name));
            a.putScalar(0, Float.NaN);
            e.put(name, CheckpointFile.array(a));
        }, "holds NaN or infinite values");
    }

    @Test
    void anInfiniteWeightIsRefused() {
        assertEvalRefused(e -> {
            String name = CheckpointFile.firstParameter(e);
            INDArray a = CheckpointFile.read(e.get(name));
            a.putScalar(0, Float.POSITIVE_INFINITY);
            e.put(name, CheckpointFile.array(a));
        }, "holds NaN or infinite values");
    }

    @Test
    void aMissingParameterIsRefused() {
        assertEvalRefused(e -> e.remove(CheckpointFile.firstParameter(e)), "lacks parameter");
    }

    @Test
    void anUnknownParameterIsRefused() {
        assertEvalRefused(e -> e.put("params/backdoor", CheckpointFile.array(Nd4j.ones(DataType.FLOAT, 2))),
                "holds parameters its model does not have", "backdoor");
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        assertEvalRefused(CheckpointFile.description(d -> d.put("format", 99)), "model format 99",
                "reads format 2");
    }

    @Test
    void aLayoutThatIsNotTheModelsIsRefused() {
        assertEvalRefused(CheckpointFile.description(d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("layout").get(0))
                .put("name", "backdoor")), "stored parameter backdoor", "does not match the model it describes");
    }

    @Test
    void aCheckpointWithoutFormatIsRefused() {
        assertEvalRefused(CheckpointFile.description(d -> d.remove("format")), "model format (none)");
    }

    @Test
    void aDamagedDescriptionIsRefused() {
        assertEvalRefused(CheckpointFile.description(d -> d.remove("config")), "cannot be rebuilt from its model.json");
    }

    @Test
    void aTruncatedCheckpointIsRefused() throws IOException {
        for (String name : new String[]{"latest.zip", "best.zip"}) {
            Path zip = run.resolve("checkpoints").resolve(name);
            Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(zip), 300));
        }
        assertEvalRefused("best.zip", "truncated");
    }

    @Test
    void aForeignFileInPlaceOfACheckpointIsRefused() throws IOException {
        Files.writeString(run.resolve("checkpoints/best.zip"), "not a zip at all\n");
        assertEvalRefused("best.zip", "not a NEDS-J model");
    }

    @Test
    void aRunWithoutCheckpointIsRefused() throws IOException {
        Files.delete(run.resolve("checkpoints/latest.zip"));
        Files.delete(run.resolve("checkpoints/best.zip"));
        assertEvalRefused("is not a training run", "no checkpoints/latest.zip");
    }

    @Test
    void anIncludeOfAUrlIsRefusedAndNeverFetched() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "model.hidden = 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.conf";
            assertEvalRefused(CheckpointFile.prefixFirstSection("include url(\"" + url + "\")"), "include url(" + url + ") refused");
            assertEquals(0, requests.get(), "the checkpoint made an HTTP request");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anIncludeOfALocalFileIsRefused() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.conf"), "token = hunter2\n");
        assertEvalRefused(CheckpointFile.prefixFirstSection("include file(\"" + secret + "\")"), "include file(", "refused");
    }

    @Test
    void aPlainIncludeIsRefused() {
        assertEvalRefused(CheckpointFile.prefixFirstSection("include \"application.conf\""), "include \"application.conf\" refused");
    }

    @Test
    void anIncludeOfAClasspathResourceIsRefused() {
        assertEvalRefused(CheckpointFile.prefixFirstSection("include classpath(\"reference.conf\")"), "include classpath(", "refused");
    }
}
