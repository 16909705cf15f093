package dev.grantex.grants;

import dev.grantex.grants.GrantViews.DelegateRequest;
import dev.grantex.grants.GrantViews.GrantList;
import dev.grantex.grants.GrantViews.GrantVerifyView;
import dev.grantex.grants.GrantViews.GrantView;
import dev.grantex.platform.ApiException;
import dev.grantex.platform.JsonRequests;
import dev.grantex.platform.RequestContext;
import dev.grantex.tokens.TokenIssuer;
import dev.grantex.tokens.TokenVerifier;
import dev.grantex.tokens.TokenViews.TokenRequest;
import dev.grantex.tokens.TokenViews.TokenView;
import dev.grantex.tokens.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/grants: listing, revocation (cascading), token introspection and delegation. */
@Path("/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Grants")
public class GrantsResource {
    @Inject
    GrantService grants;

    @Inject
    DelegationService delegation;

    @Inject
    TokenVerifier verifier;

    @Inject
    RequestContext requestContext;

    @GET
    @Operation(summary = "The caller's grants, newest first, optionally filtered")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = GrantList.class)))
    public GrantList list(@QueryParam("agentId") String agentId, @QueryParam("principalId") String principalId,
                          @QueryParam("status") String status) {
        if (status != null && !Set.of(Grant.ACTIVE, Grant.REVOKED, Grant.EXPIRED).contains(status)) {
            throw ApiException.badRequest("status must be \"active\", \"revoked\" or \"expired\"");
        }
        return new GrantList(grants.list(requestContext.caller().developerId(), agentId, principalId, status)
                .stream().map(GrantView::of).toList());
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

    @POST
    @Path("verify")
    @Operation(summary = "Introspect a grant token: its claims when live, otherwise why not")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = GrantVerifyView.class)))
    @APIResponse(responseCode = "400", description = "Not a valid grant token")
    public GrantVerifyView verify(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class))) String body) {
        String presented = JsonRequests.bind(body, TokenRequest.class).requireToken();
        VerifiedToken token = verifier.parse(presented).orElseThrow(() -> ApiException.badRequest("Invalid token"));
        Optional<TokenVerifier.Inactive> inactive = verifier.inactiveReason(token, requestContext.caller().developerId());
        if (inactive.isPresent()) {
            return new GrantVerifyView(false, inactive.get().name().toLowerCase(Locale.ROOT), null);
        }
        Map<String, Object> claims = new LinkedHashMap<>(token.claims());
        claims.putIfAbsent("grnt", token.jti());
        return new GrantVerifyView(true, null, claims);
    }

    @POST
    @Path("delegate")
    @Operation(summary = "Delegate part of a grant to a sub-agent (narrower scopes, no longer than the parent)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "400", description = "Invalid parent token, scope escalation, bad input")
    @APIResponse(responseCode = "403", description = "FORBIDDEN (another developer's parent) or DELEGATION_DEPTH_EXCEEDED")
    @APIResponse(responseCode = "404", description = "Sub-agent not found")
    public Response delegate(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DelegateRequest.class))) String body) {
        TokenIssuer.Issued delegated = delegation.delegate(requestContext.caller(),
                JsonRequests.bind(body, DelegateRequest.class));
        return Response.status(201).entity(TokenView.of(delegated)).build();
    }
}
