package dev.grantex.platform;

import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** Per-request facts: the request id used in error bodies and the authenticated developer, if any. */
@RequestScoped
public class RequestContext {
    private String requestId;
    private Caller caller;

    public String requestId() {
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        return requestId;
    }

    public void authenticate(Caller authenticated) {
        this.caller = authenticated;
    }

    /** The authenticated developer; routes behind the API-key filter always have one. */
    public Caller caller() {
        if (caller == null) {
            throw ApiException.unauthorized("Missing or invalid Authorization header");
        }
        return caller;
    }

    public boolean authenticated() {
        return caller != null;
    }
}
