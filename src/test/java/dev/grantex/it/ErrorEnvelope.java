package dev.grantex.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;

/** Assertions about the contract's error envelope. */
public final class ErrorEnvelope {
    private ErrorEnvelope() {
    }

    /** The reply has the status and the {message, code, requestId} body with that code. */
    public static JsonObject assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        JsonObject body = reply.json();
        assertEquals(code, body.getString("code"), reply.body());
        assertFalse(body.getString("message").isBlank(), reply.body());
        assertFalse(body.getString("requestId").isBlank(), reply.body());
        return body;
    }
}
