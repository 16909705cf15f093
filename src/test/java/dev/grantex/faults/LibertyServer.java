package dev.grantex.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The fault suite's own Liberty server (grantex-faults, created by the build's faults profile),
 * started, stopped and killed by the tests through Liberty's server script.
 */
final class LibertyServer {
    private final Path wlp;
    private final String name;
    private final String baseUrl;

    LibertyServer(Path wlp, String name, String baseUrl) {
        this.wlp = wlp;
        this.name = name;
        this.baseUrl = baseUrl;
    }

    Path directory() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    void start() {
        Commands.run(wlp.resolve("bin/server").toString(), "start", name);
        awaitLive(Duration.ofSeconds(120));
    }

    void stop() {
        Commands.runAllowingFailure(wlp.resolve("bin/server").toString(), "stop", name);
    }

    /** kill -9 of the server's JVM: no shutdown hook, no orderly close of anything. */
    void kill() throws IOException {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        String pid = Files.readString(pidFile).trim();
        Commands.run("kill", "-9", pid);
        for (int i = 0; i < 100 && Files.isDirectory(Path.of("/proc", pid)); i++) {
            Commands.sleep(100);
        }
    }

    private void awaitLive(Duration limit) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Commands.sleep(500);
        }
        throw new IllegalStateException("server " + name + " did not become healthy within " + limit);
    }
}
