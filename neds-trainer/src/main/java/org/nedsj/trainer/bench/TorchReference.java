package org.nedsj.trainer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the PyTorch reference model ({@code torch_reference.py}) with the same shapes in a child
 * process, in this process's environment, and reads its JSON line.
 */
public final class TorchReference {

    /** What the reference printed. */
    public record Result(String engine, double stepSeconds, double trialsPerSecond, long parameters) {
    }

    private TorchReference() {
    }

    /** The script, from {@code path} or else the first {@code shared/bench/torch_reference.py} above the working directory. */
    public static Path locate(Path path) {
        if (path != null) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no PyTorch reference at " + path);
            }
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String candidate : List.of("shared/bench/torch_reference.py", "../shared/bench/torch_reference.py")) {
                Path p = dir.resolve(candidate).normalize();
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("torch_reference.py not found above " + Path.of("").toAbsolutePath()
                + "; name it with --torch-reference FILE");
    }

    public static Result run(String python, Path script, int hidden, int layers, int heads, int mlp, int neurons,
                             int batch, int steps, int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--json",
                "--hidden", Integer.toString(hidden), "--layers", Integer.toString(layers),
                "--heads", Integer.toString(heads), "--mlp", Integer.toString(mlp),
                "--neurons", Integer.toString(neurons), "--batch", Integer.toString(batch),
                "--steps", Integer.toString(steps), "--threads", Integer.toString(threads)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        if (status != 0 || !last.startsWith("{")) {
            throw new IOException("the PyTorch reference failed (exit " + status + "): " + output.strip()
                    + "\nIt needs PyTorch for " + python + " (Debian: apt-get install python3-torch).");
        }
        JsonNode json = new ObjectMapper().readTree(last);
        return new Result(json.get("engine").asText(), json.get("step_s").asDouble(), json.get("trials_per_s").asDouble(),
                json.get("params").asLong());
    }
}
