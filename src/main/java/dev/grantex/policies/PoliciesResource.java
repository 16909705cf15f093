package dev.grantex.policies;

import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.policies.PolicyViews.BundleList;
import dev.grantex.policies.PolicyViews.BundleRequest;
import dev.grantex.policies.PolicyViews.BundleView;
import dev.grantex.policies.PolicyViews.PolicyList;
import dev.grantex.policies.PolicyViews.PolicyRequest;
import dev.grantex.policies.PolicyViews.PolicyView;
import dev.grantex.policies.PolicyViews.SyncResult;
import dev.grantex.policies.PolicyViews.SyncWebhookAck;
import dev.grantex.policies.PolicyViews.SyncWebhookPush;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/policies: the calling developer's built-in policies and policy-as-code bundles. */
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Policies")
public class PoliciesResource {
    @Inject
    PolicyService policies;

    @Inject
    PolicyBundleService bundles;

    @Inject
    PolicySyncWebhook syncWebhook;

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

    @POST
    @Path("sync")
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "Upload a version of the developer's Rego or Cedar policies (a bundle), active at once unless activate is false",
            description = "A Cedar bundle is parsed first: one that does not parse is refused and the active one stays. "
                    + "With GRANTEX_POLICY_BACKEND=cedar the active Cedar bundle decides authorization requests and delegations.")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = SyncResult.class)))
    @APIResponse(responseCode = "400", description = "A missing or bad field, content that is not base64, Cedar that does not "
            + "parse or nests deeper than the server takes (brackets over 64 deep, a policy over 65,536 characters)")
    @APIResponse(responseCode = "409", description = "That version of that format exists already")
    public Response sync(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BundleRequest.class))) String body) {
        PolicyBundle bundle = bundles.sync(requestContext.caller().developerId(), JsonRequests.bind(body, BundleRequest.class));
        return Response.status(201).entity(SyncResult.of(bundle)).build();
    }

    @POST
    @Path("sync/webhook")
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "A Git host's push notification, signed with X-Hub-Signature-256 (HMAC-SHA256 with GRANTEX_POLICY_SYNC_WEBHOOK_SECRET)")
    @APIResponse(responseCode = "200", description = "Accepted", content = @Content(schema = @Schema(implementation = SyncWebhookAck.class)))
    @APIResponse(responseCode = "401", description = "The signature is missing or does not match")
    @APIResponse(responseCode = "503", description = "No secret is configured")
    public SyncWebhookAck syncWebhook(@HeaderParam("X-Hub-Signature-256") String signature,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SyncWebhookPush.class))) String body) {
        return syncWebhook.accept(signature, body);
    }

    @GET
    @Path("bundles")
    @Operation(summary = "The developer's policy bundles, newest first, without their content")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = BundleList.class)))
    @APIResponse(responseCode = "400", description = "format is neither rego nor cedar")
    public BundleList bundles(@QueryParam("format") String format) {
        return new BundleList(bundles.list(requestContext.caller().developerId(), format));
    }

    @GET
    @Path("bundles/active")
    @Operation(summary = "The active bundle of a format")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = BundleView.class)))
    @APIResponse(responseCode = "400", description = "format is missing, or neither rego nor cedar")
    @APIResponse(responseCode = "404", description = "No bundle of that format is active")
    public BundleView activeBundle(@QueryParam("format") String format) {
        return bundles.active(requestContext.caller().developerId(), format);
    }

    @DELETE
    @Path("bundles/active")
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "Deactivate the active bundle of a format; the bundle stays, to be activated again")
    @APIResponse(responseCode = "204", description = "Deactivated")
    @APIResponse(responseCode = "400", description = "format is missing, or neither rego nor cedar")
    @APIResponse(responseCode = "404", description = "No bundle of that format is active")
    public Response deactivateBundle(@QueryParam("format") String format) {
        bundles.deactivate(requestContext.caller().developerId(), format);
        return Response.noContent().build();
    }

    @POST
    @Path("bundles/{id}/activate")
    @IpRateLimit(bucket = "policies", perMinute = 30)
    @Operation(summary = "Make an earlier bundle the active one of its format again (a rollback)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = BundleView.class)))
    @APIResponse(responseCode = "404", description = "No such bundle for this developer")
    public BundleView activateBundle(@PathParam("id") String id) {
        return BundleView.of(bundles.activate(requestContext.caller().developerId(), id));
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
