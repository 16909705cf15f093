package dev.grantex.sso;

import dev.grantex.platform.RequestContext;
import dev.grantex.sso.SsoViews.SessionList;
import dev.grantex.sso.SsoViews.SessionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/sso/sessions: who is signed in through SSO, and revoking them. */
@Path("/v1/sso/sessions")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "SSO")
public class SsoSessionsResource {
    @Inject
    SsoSessions sessions;

    @Inject
    RequestContext requestContext;

    @GET
    @Operation(summary = "The developer's SSO sessions that have not expired, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SessionList.class)))
    public SessionList list() {
        return new SessionList(sessions.list(requestContext.caller().developerId()).stream().map(SessionView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an SSO session: its token stops working at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such session for this developer")
    public Response revoke(@PathParam("id") String id) {
        sessions.revoke(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }
}
