package dev.grantex.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's commands (pg_ctlcluster, Liberty's server script) for the fault suite. */
final class Commands {
    private Commands() {
    }

    /** Runs the command to its end and returns its output; fails when it exits non-zero. */
    static String run(String... command) {
        String output = runAllowingFailure(command);
        if (output == null) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
        return output;
    }

    /** The command's output, or null when it exited non-zero. */
    static String runAllowingFailure(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                System.out.println("[faults] " + String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
                return null;
            }
            return text;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean exists(String program) {
        return runAllowingFailure("sh", "-c", "command -v " + program) != null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
