package dev.grantex.platform;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every exception into the contract's {message, code, requestId}; 5xx never reveal internals. */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Inject
    RequestContext requestContext;

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
            Response response = body(status, ErrorCodes.forStatus(status), clientErrorMessage(status));
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
        if (concurrentConflict(error)) {
            LOG.log(Level.FINE, "Concurrent conflict, request " + requestContext.requestId(), error);
            return body(409, "CONFLICT", "The request conflicted with a concurrent change and changed nothing; retry it");
        }
        LOG.log(Level.SEVERE, "Unhandled error, request " + requestContext.requestId(), error);
        return body(500, "INTERNAL_ERROR", "An unexpected error occurred");
    }

    private Response body(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(message, code, requestContext.requestId()))
                .build();
    }

    private static String clientErrorMessage(int status) {
        return switch (status) {
            case 404 -> "Route not found";
            case 405 -> "Method not allowed on this route";
            case 406 -> "This route only produces application/json";
            case 415 -> "Unsupported media type: send application/json";
            default -> "Bad request";
        };
    }

    /**
     * A constraint or lock conflict with a concurrent request (an agent deleted while a grant for it is
     * created, a lock timeout): nothing was changed, and the same request may succeed when retried.
     */
    static boolean concurrentConflict(Throwable error) {
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
