package dev.grantex.platform.errors;

import dev.grantex.platform.json.Jsonp;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the error envelope from servlet code, which runs outside JAX-RS and its exception mapper. */
public final class ServletErrors {
    private ServletErrors() {
    }

    public static void write(HttpServletResponse response, int status, String message, String requestId)
            throws IOException {
        byte[] body = Jsonp.objectBuilder()
                .add("message", message)
                .add("code", ErrorCodes.forStatus(status))
                .add("requestId", requestId)
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
