package dev.grantex.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads a scrape with the Prometheus project's own text-format parser (Debian's
 * python3-prometheus-client, which CI installs): every metric family by name, with its type and
 * samples (a value that is not a finite number, such as NaN, as null). A line that parser cannot
 * read fails the read. On a machine without the package the tests that read a scrape are skipped,
 * except in CI (CI set), where they must run.
 */
public final class PrometheusParser {
    private static final String SCRIPT = String.join("\n",
            "import json, math, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "families = {}",
            "for f in text_string_to_metric_families(sys.stdin.read()):",
            "    families[f.name] = {'type': f.type, 'samples': [",
            "        {'name': s.name, 'labels': s.labels, 'value': s.value if math.isfinite(s.value) else None}",
            "        for s in f.samples]}",
            "print(json.dumps(families))");

    private PrometheusParser() {
    }

    private static boolean installed() {
        try {
            return new ProcessBuilder("/usr/bin/python3", "-c", "import prometheus_client").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static JsonObject families(String scrape) {
        assumeTrue(installed() || System.getenv("CI") != null,
                "python3-prometheus-client is not installed (apt-get install python3-prometheus-client); scrape tests skipped");
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectErrorStream(true).start();
            try (OutputStream in = python.getOutputStream()) {
                in.write(scrape.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
                throw new AssertionError("The Prometheus parser refused the scrape (is python3-prometheus-client installed?): " + out);
            }
            try (var reader = Json.createReader(new StringReader(out))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
