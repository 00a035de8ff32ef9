package org.repro4j;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short external command (git, nvidia-smi, ldconfig) for what it prints. Probes like these
 * must never stop a run, so a missing, failing or hanging command gives null instead of an error.
 */
public final class CommandOutput {
    private CommandOutput() {
    }

    /**
     * @param dir the working directory, or null for this process's
     * @return standard output when the command exits 0 within the timeout, else null
     */
    public static String of(Path dir, long timeoutSeconds, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(Redirect.DISCARD);
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
