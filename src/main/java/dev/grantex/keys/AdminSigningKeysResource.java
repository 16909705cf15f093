package dev.grantex.keys;

import dev.grantex.platform.auth.AdminEndpoint;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator route to rotate the grant-token signing key. */
@Path("/v1/admin/signing-keys/rotate")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@AdminEndpoint
@IpRateLimit(bucket = "admin", perMinute = 20)
@Tag(name = "Administration")
@SecurityRequirement(name = "adminKey")
public class AdminSigningKeysResource {
    /** The kid that signs from now on. */
    public record RotatedView(String kid) {
    }

    @Inject
    KeyRing keyRing;

    @POST
    @Operation(summary = "Make a new RS256 signing key active",
            description = "The previous key stays in the JWKS for GRANTEX_SIGNING_RETIRED_KEY_DAYS. "
                    + "409 when the key is configured through GRANTEX_SIGNING_PRIVATE_KEY.")
    @APIResponse(responseCode = "200", description = "Rotated")
    @APIResponse(responseCode = "409", description = "The key is configured, not generated")
    public RotatedView rotate() {
        return new RotatedView(keyRing.rotate());
    }
}
