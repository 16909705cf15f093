package dev.grantex.sso;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.sso.SsoViews.ConfigView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/sso/config: the developer's single OIDC configuration (contract §2.14). */
@Path("/v1/sso/config")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "SSO")
public class SsoConfigResource {
    @Inject
    SsoConfigs configs;

    @Inject
    RequestContext requestContext;

    public record ConfigRequest(
            @Schema(name = "issuerUrl", required = true, description = "Absolute http(s) URL of the OpenID provider") String issuerUrl,
            @Schema(required = true, maxLength = 512) String clientId,
            @Schema(required = true, maxLength = 4096, description = "Stored sealed, never returned") String clientSecret,
            @Schema(required = true, description = "Absolute http(s) URL the provider sends people back to") String redirectUri) {
    }

    @POST
    @Operation(summary = "Create or replace the developer's SSO configuration (no network calls)")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = ConfigView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or not an absolute http(s) URL")
    public Response save(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigRequest.class))) String body) {
        ConfigRequest request = JsonRequests.bind(body, ConfigRequest.class);
        SsoConfig config = configs.save(requestContext.caller().developerId(), request.issuerUrl(), request.clientId(),
                request.clientSecret(), request.redirectUri());
        return Response.status(201).entity(ConfigView.of(config)).build();
    }

    @GET
    @Operation(summary = "The developer's SSO configuration, without its secret")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ConfigView.class)))
    @APIResponse(responseCode = "404", description = "None saved")
    public ConfigView get() {
        return ConfigView.of(configs.get(requestContext.caller().developerId()));
    }

    @DELETE
    @Operation(summary = "Remove the developer's SSO configuration")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "None saved")
    public Response delete() {
        configs.delete(requestContext.caller().developerId());
        return Response.noContent().build();
    }
}
