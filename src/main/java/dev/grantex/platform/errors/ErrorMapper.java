package dev.grantex.platform.errors;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.ratelimit.RateLimitedException;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into the contract's {message, code, requestId}, or on /scim/v2 into SCIM's
 * error schema; 5xx never reveal internals.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    @Inject
    RequestContext requestContext;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof RateLimitedException limited) {
            Response response = body(429, limited.code(), limited.getMessage());
            limited.decision().writeHeaders(response.getHeaders());
            return response;
        }
        if (error instanceof ApiException api) {
            return body(api.status(), api.code(), api.getMessage());
        }
        if (error instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            Response response = body(status, ErrorCodes.forStatus(status), ErrorCodes.defaultMessage(status));
            web.getResponse().getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    response.getHeaders().put(name, values);
                }
            });
            return response;
        }
        if (error instanceof JsonException || error instanceof JsonbException || error instanceof ProcessingException) {
            return body(400, "BAD_REQUEST", "Malformed request body");
        }
        if (databaseUnavailable(error)) {
            LOG.log(Level.WARNING, "Database unavailable, request " + requestContext.requestId() + ": "
                    + findCause(error, SQLException.class));
            Response response = body(503, "SERVICE_UNAVAILABLE", "The database is unavailable; nothing was changed, retry shortly");
            response.getHeaders().putSingle("Retry-After", DATABASE_RETRY_AFTER_SECONDS);
            return response;
        }
        if (concurrentConflict(error)) {
            LOG.log(Level.FINE, "Concurrent conflict, request " + requestContext.requestId(), error);
            return body(409, "CONFLICT", "The request conflicted with a concurrent change and changed nothing; retry it");
        }
        LOG.log(Level.SEVERE, "Unhandled error, request " + requestContext.requestId(), error);
        return body(500, "INTERNAL_ERROR", "An unexpected error occurred");
    }

    private Response body(int status, String code, String message) {
        if (uriInfo != null && ScimErrorBody.isScimPath(uriInfo.getPath())) {
            return Response.status(status).type(ScimErrorBody.MEDIA_TYPE).entity(ScimErrorBody.of(status, code, message)).build();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(message, code, requestContext.requestId()))
                .build();
    }

    /**
     * The database cannot be reached or did not answer in time: no connection within the pool's wait
     * (GRANTEX_DB_CONNECTION_WAIT_SECONDS), a broken connection, a server shutting down, or a statement
     * cancelled by the query timeout (GRANTEX_DB_QUERY_TIMEOUT_SECONDS).
     */
    static boolean databaseUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTimeoutException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: PostgreSQL shutting down or starting; 57014: cancelled.
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A constraint or lock conflict with a concurrent request (an agent deleted while a grant for it is
     * created, a lock timeout): nothing was changed, and the same request may succeed when retried.
     */
    public static boolean concurrentConflict(Throwable error) {
        SQLException sql = findCause(error, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("23") || state.startsWith("40"));
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
