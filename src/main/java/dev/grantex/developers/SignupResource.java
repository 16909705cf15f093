package dev.grantex.developers;

import dev.grantex.developers.DeveloperViews.CreatedView;
import dev.grantex.developers.DeveloperViews.SignupRequest;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public self-service signup; an installation can switch it off. */
@Path("/v1/signup")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@PublicEndpoint
@Tag(name = "Developers")
public class SignupResource {
    @Inject
    DeveloperService developers;

    @Inject
    @ConfigProperty(name = "grantex.signup.enabled", defaultValue = "true")
    boolean signupEnabled;

    @POST
    @IpRateLimit(bucket = "signup", perMinute = 30)
    @SecurityRequirements
    @Operation(summary = "Create a developer account and its API key",
            description = "The API key is returned only here. 403 when signup is disabled on this server.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedView.class)))
    @APIResponse(responseCode = "400", description = "Invalid name, email or mode")
    @APIResponse(responseCode = "403", description = "Signup is disabled")
    @APIResponse(responseCode = "409", description = "Email already used")
    public Response signup(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SignupRequest.class))) String body) {
        if (!signupEnabled) {
            throw new ApiException(403, "FORBIDDEN", "Signup is disabled on this server; ask the operator for an account");
        }
        SignupRequest request = JsonRequests.bind(body, SignupRequest.class);
        var created = developers.create(request.name(), request.email(), request.mode(), null);
        return Response.status(201).entity(CreatedView.of(created)).build();
    }
}
