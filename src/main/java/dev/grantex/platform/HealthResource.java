package dev.grantex.platform;

import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.ratelimit.NoRateLimit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import redis.clients.jedis.exceptions.JedisException;

/** Health of this node and of what it depends on; also the orchestrators' liveness and readiness. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@PublicEndpoint
@SecurityRequirements
@Tag(name = "Health")
public class HealthResource {
    private static final int TIMEOUT_SECONDS = 2;
    /** A timer's run may start this much later than failover alone explains (a busy minute). */
    private static final long OVERDUE_GRACE_SECONDS = 60;

    /**
     * {status: healthy|degraded, database: ok|unavailable, redis: ok|unavailable|in-process,
     * rateLimits: shared|per-node|in-process, timers: ok|overdue|unavailable}: per-node while Redis
     * is away and each node counts alone; timers overdue when a persistent timer's run is later than
     * failover allows (no node is running the timers), which degrades the cluster, not this node.
     */
    public record HealthView(String status, String database, String redis, String rateLimits, String timers) {
    }

    public record LivenessView(String status) {
    }

    @Resource(lookup = "jdbc/grantex")
    DataSource dataSource;

    @Inject
    RedisConnection redis;

    @Inject
    @ConfigProperty(name = "grantex.timers.failover-seconds", defaultValue = "120")
    long failoverSeconds;

    @Resource(lookup = "java:app/AppName")
    String applicationName;

    @GET
    @Operation(summary = "Health of the server, its database and Redis",
            description = "503 with status \"degraded\" when the database or the configured Redis is unreachable.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = HealthView.class)))
    @APIResponse(responseCode = "503", description = "Degraded: the database or Redis is unreachable", content = @Content(schema = @Schema(implementation = HealthView.class)))
    public Response health() {
        String database = databaseStatus();
        String redisStatus = redisStatus();
        String rateLimits = !redis.configured() ? "in-process" : redis.away() ? "per-node" : "shared";
        String timers = "ok".equals(database) ? timersStatus() : "unavailable";
        boolean healthy = "ok".equals(database) && !"unavailable".equals(redisStatus);
        return Response.status(healthy ? 200 : 503)
                .entity(new HealthView(healthy ? "healthy" : "degraded", database, redisStatus, rateLimits, timers))
                .build();
    }

    @GET
    @Path("ready")
    @Operation(summary = "Readiness: the same checks as /health")
    public Response ready() {
        return health();
    }

    @GET
    @Path("live")
    @NoRateLimit
    @Operation(summary = "Liveness: the process answers requests",
            description = "Depends on nothing: not the database, not Redis, not rate limiting.")
    public LivenessView live() {
        return new LivenessView("alive");
    }

    private String databaseStatus() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS) ? "ok" : "unavailable";
        } catch (SQLException e) {
            return "unavailable";
        }
    }

    /**
     * The persistent timers' store: Liberty's task table (WLPTASK) in the same database, where each
     * EJB timer's next run (NEXTEXEC, epoch milliseconds) moves on every time some node runs it.
     * Only this application's timers count (LOADER names the application), not those an earlier or
     * another application left in the table.
     */
    private String timersStatus() {
        long overdueBefore = System.currentTimeMillis() - (failoverSeconds + OVERDUE_GRACE_SECONDS) * 1000L;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM WLPTASK "
                     + "WHERE INAME LIKE '!EJBTimer%' AND LOADER LIKE ? AND NEXTEXEC < ?")) {
            query.setQueryTimeout(TIMEOUT_SECONDS);
            query.setString(1, "WebModule:" + applicationName + "#%");
            query.setLong(2, overdueBefore);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1) == 0 ? "ok" : "overdue";
            }
        } catch (SQLException e) {
            return "unavailable";
        }
    }

    private String redisStatus() {
        if (!redis.configured()) {
            return "in-process";
        }
        try {
            redis.client().ping();
            redis.answered();
            return "ok";
        } catch (JedisException e) {
            redis.failed(e);
            return "unavailable";
        }
    }
}
