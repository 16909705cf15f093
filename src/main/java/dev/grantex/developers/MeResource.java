package dev.grantex.developers;

import dev.grantex.developers.DeveloperViews.MeView;
import dev.grantex.developers.DeveloperViews.RotatedKeyView;
import dev.grantex.developers.DeveloperViews.UpdateMeRequest;
import dev.grantex.developers.DeveloperViews.UpdatedView;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling developer's own account and API key. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Developers")
public class MeResource {
    @Inject
    DeveloperService developers;

    @Inject
    RequestContext requestContext;

    @Inject
    Clock clock;

    @GET
    @Path("me")
    @Operation(summary = "The calling developer's account")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = MeView.class)))
    public MeView me() {
        return MeView.of(developers.get(requestContext.caller().developerId()));
    }

    @PATCH
    @Path("me")
    @Operation(summary = "Change account settings (FIDO requirement, relying-party name)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UpdatedView.class)))
    @APIResponse(responseCode = "400", description = "Neither field given, or an invalid value")
    public UpdatedView update(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UpdateMeRequest.class))) String body) {
        UpdateMeRequest request = JsonRequests.bind(body, UpdateMeRequest.class);
        developers.updateSettings(requestContext.caller().developerId(), request.fidoRequired(), request.fidoRpName());
        return new UpdatedView(true);
    }

    @POST
    @Path("keys/rotate")
    @IpRateLimit(bucket = "keys-rotate", perMinute = 5)
    @Operation(summary = "Replace the API key; the old key stops working at once")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RotatedKeyView.class)))
    public RotatedKeyView rotate() {
        Instant now = clock.instant();
        String apiKey = developers.rotateKey(requestContext.caller().developerId(), now);
        return new RotatedKeyView(apiKey, Timestamps.format(now));
    }
}
