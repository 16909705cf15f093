package dev.grantex.platform;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of the web container (web.xml): the answers Liberty gives by itself, before the
 * application sees the request (a URL with an encoded slash, NUL or invalid UTF-8, a path under
 * WEB-INF), in the contract's envelope instead of Liberty's HTML.
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
        ServletErrors.write(response, status, messageFor(status), requestContext.requestId());
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 400 -> "Bad request: the URL or a header is malformed (an encoded '/', '\\', NUL, line break "
                    + "or invalid UTF-8 in the path, or a field over the size limit)";
            case 404 -> "Route not found";
            case 405 -> "Method not allowed on this route";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type: send application/json";
            default -> status >= 500 ? "An unexpected error occurred" : "Bad request";
        };
    }
}
