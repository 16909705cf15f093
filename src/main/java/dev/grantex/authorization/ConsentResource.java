package dev.grantex.authorization;

import dev.grantex.agents.Agent;
import dev.grantex.authorization.AuthorizeViews.ApprovedView;
import dev.grantex.authorization.AuthorizeViews.ConsentView;
import dev.grantex.authorization.AuthorizeViews.DeniedView;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The principal's side of consent, called by the consent page (public: the request id is the capability). */
@Path("/v1/consent/{id}")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@PublicEndpoint
@Tag(name = "Consent")
public class ConsentResource {
    @Inject
    AuthorizationService authorizations;

    @GET
    @SecurityRequirements
    @Operation(summary = "What the principal is asked to approve, in plain language")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "Unknown request")
    @APIResponse(responseCode = "410", description = "Expired or already answered")
    public ConsentView get(@PathParam("id") String id) {
        AuthRequest request = authorizations.pending(id);
        Agent agent = authorizations.agentOf(request);
        String description = agent.description().isEmpty() ? null : agent.description();
        return new ConsentView(request.id(), agent.name(), agent.did(), description, request.scopes(),
                ScopeDescriptions.describeAll(request.scopes()), Timestamps.format(request.expiresAt()),
                request.status(), authorizations.fidoRequired(request));
    }

    @POST
    @Path("approve")
    @SecurityRequirements
    @Operation(summary = "Approve: issues the authorization code (no body needed)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ApprovedView.class)))
    @APIResponse(responseCode = "403", description = "FIDO_REQUIRED")
    @APIResponse(responseCode = "410", description = "Unknown, expired or already answered")
    public ApprovedView approve(@PathParam("id") String id) {
        var consent = authorizations.approve(id);
        return new ApprovedView(consent.code(), consent.redirectUri(), consent.state());
    }

    @POST
    @Path("deny")
    @SecurityRequirements
    @Operation(summary = "Deny (no body needed)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DeniedView.class)))
    @APIResponse(responseCode = "403", description = "FIDO_REQUIRED")
    @APIResponse(responseCode = "404", description = "Unknown, expired or already answered")
    public DeniedView deny(@PathParam("id") String id) {
        var consent = authorizations.deny(id);
        return new DeniedView(consent.redirectUri(), consent.state());
    }
}
