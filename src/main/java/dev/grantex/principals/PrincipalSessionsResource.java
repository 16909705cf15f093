package dev.grantex.principals;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.platform.web.PublicUrl;
import dev.grantex.principals.PrincipalViews.OpenSessionRequest;
import dev.grantex.principals.PrincipalViews.SessionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/principal-sessions: a developer opens a permissions-page session for one of its end users. */
@Path("/v1/principal-sessions")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Principal sessions")
public class PrincipalSessionsResource {
    @Inject
    PrincipalSessionService sessions;

    @Inject
    RequestContext requestContext;

    @Inject
    PublicUrl publicUrl;

    @POST
    @IpRateLimit(bucket = "principal-sessions", perMinute = 10)
    @Operation(summary = "Open a session on the permissions page for a principal with active grants",
            description = "expiresIn defaults to 1h; longer than 24h is shortened to 24h. Send the person to "
                    + "dashboardUrl; the token travels in the URL fragment, which browsers do not send to servers.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "No principalId, or a malformed expiresIn")
    @APIResponse(responseCode = "404", description = "The principal has no active grant with the caller")
    public Response open(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpenSessionRequest.class))) String body) {
        OpenSessionRequest request = JsonRequests.bind(body, OpenSessionRequest.class);
        PrincipalSessionService.Opened opened = sessions.open(requestContext.caller(), request.principalId(),
                request.expiresIn());
        String dashboardUrl = publicUrl.origin() + "/permissions#session="
                + URLEncoder.encode(opened.token(), StandardCharsets.UTF_8);
        return Response.status(201).entity(new SessionView(opened.token(), dashboardUrl,
                Timestamps.format(opened.session().expiresAt()))).build();
    }
}
