package dev.grantex.principals;

import dev.grantex.agents.Agent;
import dev.grantex.agents.AgentService;
import dev.grantex.audit.AuditEntry;
import dev.grantex.audit.AuditService;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.auth.PrincipalSessionEndpoint;
import dev.grantex.principals.PrincipalViews.PrincipalAuditEntryView;
import dev.grantex.principals.PrincipalViews.PrincipalAuditList;
import dev.grantex.principals.PrincipalViews.PrincipalGrantList;
import dev.grantex.principals.PrincipalViews.PrincipalGrantView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /v1/principal: what an end user holding a principal session sees and does on the permissions page.
 * Every answer is limited to that principal's grants and entries with the session's developer.
 */
@Path("/v1/principal")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@PrincipalSessionEndpoint
@SecurityRequirement(name = "principalSession")
@Tag(name = "Principal sessions")
public class PrincipalResource {
    static final int RECENT_ENTRIES = 100;

    @Inject
    SessionContext sessionContext;

    @Inject
    GrantService grants;

    @Inject
    AgentService agents;

    @Inject
    AuditService audit;

    @GET
    @Path("grants")
    @Operation(summary = "The principal's active grants, newest first, with their agents")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PrincipalGrantList.class)))
    @APIResponse(responseCode = "401", description = "Missing, invalid or expired session token")
    public PrincipalGrantList grants() {
        PrincipalSession session = sessionContext.session();
        List<Grant> active = grants.activeForPrincipal(session.developerId(), session.principalId());
        Map<String, Agent> byId = agentsOf(session, active.stream().map(Grant::agentId));
        return new PrincipalGrantList(active.stream().map(g -> PrincipalGrantView.of(g, byId.get(g.agentId()))).toList(),
                session.principalId(), Timestamps.format(session.expiresAt()));
    }

    @GET
    @Path("audit")
    @Operation(summary = "What agents recorded for the principal, newest first, at most 100 entries",
            description = "Fewer when their metadata would pass 1 MiB of JSON.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PrincipalAuditList.class)))
    @APIResponse(responseCode = "401", description = "Missing, invalid or expired session token")
    public PrincipalAuditList audit() {
        PrincipalSession session = sessionContext.session();
        List<AuditEntry> recent = audit.recentForPrincipal(session.developerId(), session.principalId(), RECENT_ENTRIES);
        Map<String, Agent> byId = agentsOf(session, recent.stream().map(AuditEntry::agentId));
        return new PrincipalAuditList(recent.stream()
                .map(e -> PrincipalAuditEntryView.of(e, byId.get(e.agentId()))).toList());
    }

    @DELETE
    @Path("grants/{id}")
    @Operation(summary = "Revoke one of the principal's grants and everything delegated from it")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "Missing, invalid or expired session token")
    @APIResponse(responseCode = "404", description = "Not an active grant of this principal")
    public Response revoke(@PathParam("id") String id) {
        PrincipalSession session = sessionContext.session();
        grants.revokeForPrincipal(session.developerId(), session.principalId(), id);
        return Response.noContent().build();
    }

    private Map<String, Agent> agentsOf(PrincipalSession session, Stream<String> agentIds) {
        return agents.byIds(session.developerId(), agentIds.collect(Collectors.toSet()));
    }
}
