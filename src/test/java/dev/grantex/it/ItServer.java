package dev.grantex.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Where the integration-test server listens and its admin key, read from the server.env it runs with. */
public final class ItServer {
    private static final Map<String, String> ENV = load();

    private ItServer() {
    }

    public static String baseUrl() {
        return "http://localhost:" + ENV.get("GRANTEX_HTTP_PORT");
    }

    public static String adminKey() {
        return ENV.get("GRANTEX_ADMIN_API_KEY");
    }

    /** The test server's directory (its logs and FFDC incidents are under it). */
    public static Path serverDirectory() {
        return Path.of(System.getProperty("grantex.it.server-dir", "target/liberty/wlp/usr/servers/grantex-it"));
    }

    public static String env(String name) {
        return ENV.get(name);
    }

    private static Map<String, String> load() {
        Path file = Path.of(System.getProperty("grantex.it.server-env", "src/test/liberty/server.env"));
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                    values.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
