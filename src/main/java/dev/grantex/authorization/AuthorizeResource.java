package dev.grantex.authorization;

import dev.grantex.authorization.AuthorizeViews.AuthorizeRequest;
import dev.grantex.authorization.AuthorizeViews.AuthorizeView;
import dev.grantex.authorization.AuthorizeViews.SandboxApprovedView;
import dev.grantex.authorization.AuthorizeViews.SandboxDeniedView;
import dev.grantex.domains.ConsentOrigins;
import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.RateLimitDecision;
import dev.grantex.platform.ratelimit.RateLimitSettings;
import dev.grantex.platform.ratelimit.RateLimitedException;
import dev.grantex.platform.ratelimit.RateLimiter;
import dev.grantex.usage.UsageMeter;
import dev.grantex.usage.UsageMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/authorize: an agent asks a principal for scopes. */
@Path("/v1/authorize")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Authorization")
public class AuthorizeResource {
    @Inject
    AuthorizationService authorizations;

    @Inject
    RequestContext requestContext;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings rateLimits;

    @Inject
    ConsentOrigins consentOrigins;

    @Inject
    UsageMeter usage;

    @Inject
    PolicyDecisionAudit policyDecisions;

    @POST
    @Operation(summary = "Request authorization from a principal",
            description = "Sandbox developers (and requests a policy allows) get the code at once; otherwise "
                    + "the principal approves at consentUrl.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AuthorizeView.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid fields")
    @APIResponse(responseCode = "402", description = "Active-grant quota reached")
    @APIResponse(responseCode = "403", description = "POLICY_DENIED")
    @APIResponse(responseCode = "404", description = "Agent not found")
    @APIResponse(responseCode = "429", description = "More than the per-minute authorization requests")
    @Counted(name = "grantex_authorize", absolute = true, description = "Calls of POST /v1/authorize")
    @Timed(name = "grantex_authorize_duration", absolute = true, description = "Time to answer authorization requests")
    public Response authorize(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuthorizeRequest.class))) String body) {
        JsonObject json = JsonRequests.parseObject(body);
        Caller caller = requestContext.caller();
        countAuthorizeRequest(caller);
        AuthorizationService.Created created;
        try {
            created = authorizations.authorize(caller, JsonRequests.bind(json, AuthorizeRequest.class));
        } catch (PolicyDenied denied) {
            policyDecisions.denied(caller, denied);
            throw denied;
        }
        usage.count(caller.developerId(), UsageMetric.AUTHORIZATIONS);
        AuthRequest r = created.request();
        created.verdict().ifPresent(verdict -> policyDecisions.allowed(caller, r, verdict));
        boolean policyDecided = created.verdict().isPresent();
        AuthorizeView view = new AuthorizeView(r.id(),
                consentOrigins.originFor(caller.developerId()) + "/consent?req=" + URLEncoder.encode(r.id(), StandardCharsets.UTF_8),
                Timestamps.format(r.expiresAt()), r.agentId(), r.principalId(), r.scopes(), r.expiresIn(), r.status(),
                Timestamps.format(r.createdAt()),
                caller.sandbox() ? Boolean.TRUE : null,
                policyDecided ? Boolean.TRUE : null,
                policyDecided ? "allow" : null,
                created.code());
        return Response.status(201).entity(view).build();
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Sandbox only: approve one of your own pending requests")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SandboxApprovedView.class)))
    @APIResponse(responseCode = "403", description = "CONSENT_REQUIRED for live developers")
    @APIResponse(responseCode = "404", description = "Unknown, expired or already answered")
    public SandboxApprovedView approve(@PathParam("id") String id) {
        var consent = authorizations.answerAsSandbox(requestContext.caller(), id, true);
        return new SandboxApprovedView(id, AuthRequest.APPROVED, consent.code());
    }

    @POST
    @Path("{id}/deny")
    @Operation(summary = "Sandbox only: deny one of your own pending requests")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SandboxDeniedView.class)))
    @APIResponse(responseCode = "403", description = "CONSENT_REQUIRED for live developers")
    @APIResponse(responseCode = "404", description = "Unknown, expired or already answered")
    public SandboxDeniedView deny(@PathParam("id") String id) {
        authorizations.answerAsSandbox(requestContext.caller(), id, false);
        return new SandboxDeniedView(id, AuthRequest.DENIED);
    }

    /** The per-developer authorization bucket, counted before the body is validated. */
    private void countAuthorizeRequest(Caller caller) {
        if (!rateLimits.enabled()) {
            return;
        }
        RateLimitDecision decision = limiter.hit("authorize:" + caller.developerId(), rateLimits.authorizePerMinute());
        if (decision.exceeded()) {
            throw new RateLimitedException(decision, "RATE_LIMITED", "Rate limit");
        }
    }
}
