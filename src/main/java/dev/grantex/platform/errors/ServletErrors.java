package dev.grantex.platform.errors;

import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the error envelope from servlet code, which runs outside JAX-RS and its exception mapper;
 * under /scim/v2, SCIM's error schema, as the mapper does.
 */
public final class ServletErrors {
    private ServletErrors() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message,
                             String requestId) throws IOException {
        byte[] body;
        if (ScimErrorBody.isScimPath(path(request))) {
            ScimErrorBody scim = ScimErrorBody.of(status, null, message);
            JsonObjectBuilder json = Jsonp.objectBuilder().add("schemas", Jsonp.stringArray(scim.schemas()))
                    .add("detail", message).add("status", status);
            if (scim.scimType() != null) {
                json.add("scimType", scim.scimType());
            }
            body = json.build().toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType(ScimErrorBody.MEDIA_TYPE);
        } else {
            body = Jsonp.objectBuilder()
                    .add("message", message)
                    .add("code", ErrorCodes.forStatus(status))
                    .add("requestId", requestId)
                    .build().toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
        }
        response.setStatus(status);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The path the client asked for, within the application (also on the container's error dispatch). */
    private static String path(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String asked ? asked : request.getRequestURI();
        return uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    }
}
