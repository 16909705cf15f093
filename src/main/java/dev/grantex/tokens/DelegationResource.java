package dev.grantex.tokens;

import dev.grantex.authorization.PolicyDecisionAudit;
import dev.grantex.authorization.PolicyDenied;
import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.tokens.TokenViews.DelegateRequest;
import dev.grantex.tokens.TokenViews.TokenView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/** POST /v1/grants/delegate: an agent passes part of its grant to a sub-agent, with a token for it. */
@Path("/v1/grants/delegate")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Grants")
public class DelegationResource {
    @Inject
    DelegationService delegation;

    @Inject
    RequestContext requestContext;

    @Inject
    PolicyDecisionAudit policyDecisions;

    @POST
    @Operation(summary = "Delegate part of a grant to a sub-agent (narrower scopes, no longer than the parent)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "400", description = "Invalid parent token, scope escalation, bad input")
    @APIResponse(responseCode = "403", description = "FORBIDDEN (another developer's parent), DELEGATION_DEPTH_EXCEEDED or POLICY_DENIED")
    @APIResponse(responseCode = "404", description = "Sub-agent not found")
    public Response delegate(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DelegateRequest.class))) String body) {
        Caller caller = requestContext.caller();
        TokenIssuer.Issued delegated;
        try {
            delegated = delegation.delegate(caller, JsonRequests.bind(body, DelegateRequest.class));
        } catch (PolicyDenied denied) {
            policyDecisions.denied(caller, denied);
            throw denied;
        }
        return Response.status(201).entity(TokenView.of(delegated)).build();
    }
}
