package dev.grantex.grants;

import dev.grantex.grants.GrantViews.GrantList;
import dev.grantex.grants.GrantViews.GrantView;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.StreamedList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/grants: listing and revocation (cascading); introspection and delegation are in the tokens feature. */
@Path("/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Grants")
public class GrantsResource {
    @Inject
    GrantService grants;

    @Inject
    RequestContext requestContext;

    @GET
    @Operation(summary = "The caller's grants, newest first, optionally filtered",
            description = "Every grant that matches, written as it is read: the list is not paginated.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = GrantList.class)))
    @APIResponse(responseCode = "400", description = "A status other than active, revoked or expired")
    public Response list(@QueryParam("agentId") String agentId, @QueryParam("principalId") String principalId,
                         @QueryParam("status") String status) {
        if (status != null && !Set.of(Grant.ACTIVE, Grant.REVOKED, Grant.EXPIRED).contains(status)) {
            throw ApiException.badRequest("status must be \"active\", \"revoked\" or \"expired\"");
        }
        String developerId = requestContext.caller().developerId();
        return Response.ok(StreamedList.<Grant>of("grants", each -> grants.list(developerId, agentId, principalId, status, each),
                GrantView::of), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One grant, with its delegation parent and depth")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "404", description = "No such grant for this developer")
    public GrantView get(@PathParam("id") String id) {
        return GrantView.of(grants.get(requestContext.caller().developerId(), id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a grant and, in the same transaction, every grant delegated from it")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "Unknown, another developer's, or already revoked")
    public Response revoke(@PathParam("id") String id) {
        grants.revoke(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }
}
