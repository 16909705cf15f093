package dev.grantex.faults;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

/** A Redis server of the fault suite's own, on a spare port, keeping nothing on disk; stop() is its outage. */
final class RedisProcess {
    private final int port;
    private Process process;

    RedisProcess(int port) {
        this.port = port;
    }

    static boolean available() {
        return Commands.exists("redis-server");
    }

    void start() throws IOException {
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !answers(); i++) {
            Commands.sleep(100);
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    private boolean answers() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
