package dev.grantex.platform.errors;

import dev.grantex.platform.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of the web container (web.xml): the answers Liberty gives by itself, before the
 * application sees the request (a path with invalid UTF-8 or a malformed escape, a path under
 * WEB-INF or META-INF), in the contract's envelope instead of Liberty's HTML.
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
        ServletErrors.write(request, response, status, messageFor(status), requestContext.requestId());
    }

    private static String messageFor(int status) {
        return status == 400 ? "Bad request: the URL or a header is malformed (invalid UTF-8 or a malformed escape in the path)"
                : ErrorCodes.defaultMessage(status);
    }
}
