package dev.grantex.platform;

import dev.grantex.platform.auth.MetricsEndpoint;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GET /metrics: the Prometheus text of Liberty's MicroProfile Metrics (the JVM's, Liberty's, the
 * HTTP routes' and the server's own), behind the metrics key. Liberty serves its metrics only on
 * an internal endpoint bound to 127.0.0.1 (the admin virtual host in server.xml), because its own
 * /metrics cannot check a bearer key; this route passes that text through unchanged.
 */
@Path("/metrics")
@MetricsEndpoint
@ApplicationScoped
@Tag(name = "Operations")
public class MetricsResource {
    private static final Set<String> SCOPES = Set.of("base", "vendor", "application");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    @ConfigProperty(name = "grantex.metrics.internal-port", defaultValue = "9089")
    int internalPort;

    @GET
    @Produces("text/plain")
    @IpRateLimit(bucket = "metrics", perMinute = 10)
    @Operation(summary = "Prometheus metrics; with GRANTEX_METRICS_KEY set, send it as the bearer token")
    @APIResponse(responseCode = "200", description = "Prometheus text format 0.0.4")
    @APIResponse(responseCode = "400", description = "Unknown scope")
    @APIResponse(responseCode = "401", description = "Missing or wrong metrics key")
    @APIResponse(responseCode = "503", description = "Liberty's metrics did not answer")
    public Response scrape(@Parameter(description = "Only the metrics of one scope")
                           @QueryParam("scope") String scope) {
        if (scope != null && !SCOPES.contains(scope)) {
            throw ApiException.badRequest("scope must be base, vendor or application");
        }
        String path = "/metrics" + (scope == null ? "" : "?scope=" + scope);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + internalPort + path))
                .timeout(Duration.ofSeconds(5)).header("Accept", "text/plain").GET().build();
        HttpResponse<byte[]> scraped;
        try {
            scraped = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        if (scraped.statusCode() != 200) {
            throw unavailable();
        }
        return Response.ok(scraped.body())
                .type(scraped.headers().firstValue("Content-Type").orElse("text/plain; version=0.0.4; charset=utf-8"))
                .build();
    }

    private static ApiException unavailable() {
        return new ApiException(503, "SERVICE_UNAVAILABLE", "The metrics registry did not answer; retry shortly");
    }
}
