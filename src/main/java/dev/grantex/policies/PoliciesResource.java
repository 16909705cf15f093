package dev.grantex.policies;

import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.policies.PolicyViews.PolicyList;
import dev.grantex.policies.PolicyViews.PolicyRequest;
import dev.grantex.policies.PolicyViews.PolicyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/policies: the calling developer's built-in policies, which decide authorization requests. */
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Policies")
public class PoliciesResource {
    @Inject
    PolicyService policies;

    @Inject
    RequestContext requestContext;

    @POST
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "Add a policy: allow (auto-approve) or deny (403 POLICY_DENIED) matching authorization requests")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "name or effect missing, or an invalid condition")
    @APIResponse(responseCode = "402", description = "Plan limit reached")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyRequest.class))) String body) {
        Caller caller = requestContext.caller();
        Policy policy = policies.create(caller.developerId(), caller.plan(), JsonRequests.parseObject(body));
        return Response.status(201).entity(PolicyView.of(policy)).build();
    }

    @GET
    @Operation(summary = "The caller's policies in the order they are evaluated (priority, highest first, then the oldest)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PolicyList.class)))
    public PolicyList list() {
        List<PolicyView> views = policies.list(requestContext.caller().developerId()).stream().map(PolicyView::of).toList();
        return new PolicyList(views, views.size());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One policy")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such policy for this developer")
    public PolicyView get(@PathParam("id") String id) {
        return PolicyView.of(policies.get(requestContext.caller().developerId(), id));
    }

    @PATCH
    @Path("{id}")
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "Change a policy: name, effect and priority stay when left out; a condition present is replaced (null clears it)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "An invalid effect or condition")
    @APIResponse(responseCode = "404", description = "No such policy for this developer")
    public PolicyView update(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyRequest.class))) String body) {
        return PolicyView.of(policies.update(requestContext.caller().developerId(), id, JsonRequests.parseObject(body)));
    }

    @DELETE
    @Path("{id}")
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "Remove a policy")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such policy for this developer")
    public Response delete(@PathParam("id") String id) {
        policies.delete(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }
}
