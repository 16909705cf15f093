package dev.grantex.platform.errors;

import dev.grantex.platform.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * The error page of the web container (web.xml): the answers Liberty gives by itself, before the
 * application sees the request (a path with invalid UTF-8 or a malformed escape, a path under
 * WEB-INF or META-INF, a query whose escapes Liberty's security cannot parse), in the contract's
 * envelope instead of Liberty's HTML.
 */
public class ContainerErrorServlet extends HttpServlet {
    @Inject
    RequestContext requestContext;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 404;
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (status == 500 && malformedQuery(request)) {
            ServletErrors.write(request, response, 400, "The query string is not valid percent-encoded UTF-8",
                    requestContext.requestId());
            return;
        }
        ServletErrors.write(request, response, status, messageFor(status), requestContext.requestId());
    }

    /**
     * With operator sign-in on, Liberty's OpenID Connect client reads the parameters of every request
     * before the application, and the web container's query parser throws on a malformed escape:
     * that is the client's error, not the server's.
     */
    private static boolean malformedQuery(HttpServletRequest request) {
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (Throwable cause = error instanceof Throwable thrown ? thrown : null; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && Arrays.stream(cause.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("parseQueryString"))) {
                return true;
            }
        }
        return false;
    }

    private static String messageFor(int status) {
        return status == 400 ? "Bad request: the URL or a header is malformed (invalid UTF-8 or a malformed escape in the path)"
                : ErrorCodes.defaultMessage(status);
    }
}
