package dev.grantex.webhooks;

import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.webhooks.WebhookViews.CreateWebhookRequest;
import dev.grantex.webhooks.WebhookViews.CreatedWebhookView;
import dev.grantex.webhooks.WebhookViews.DeliveryPage;
import dev.grantex.webhooks.WebhookViews.WebhookList;
import dev.grantex.webhooks.WebhookViews.WebhookView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/webhooks: the calling developer's webhooks and their deliveries. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Webhooks")
public class WebhooksResource {
    @Inject
    WebhookService webhooks;

    @Inject
    RequestContext requestContext;

    @POST
    @IpRateLimit(bucket = "webhooks", perMinute = 30)
    @Operation(summary = "Subscribe a URL to events; the answer holds the signing secret, shown only this once")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedWebhookView.class)))
    @APIResponse(responseCode = "400", description = "Bad, non-https or private URL, or an event type webhooks do not carry")
    @APIResponse(responseCode = "402", description = "Plan limit reached")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateWebhookRequest.class))) String body) {
        CreateWebhookRequest request = JsonRequests.bind(body, CreateWebhookRequest.class);
        Caller caller = requestContext.caller();
        return Response.status(201)
                .entity(webhooks.create(caller.developerId(), caller.plan(), request.url(), request.events())).build();
    }

    @GET
    @Operation(summary = "The caller's webhooks, newest first (without their secrets)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = WebhookList.class)))
    public WebhookList list() {
        return new WebhookList(webhooks.list(requestContext.caller().developerId()).stream().map(WebhookView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @IpRateLimit(bucket = "webhooks", perMinute = 30)
    @Operation(summary = "Remove a webhook; its pending deliveries are not attempted again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such webhook for this developer")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "A webhook's deliveries, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown status, or page/pageSize not a whole number of at least 1")
    @APIResponse(responseCode = "404", description = "No such webhook for this developer")
    public DeliveryPage deliveries(@PathParam("id") String id, @QueryParam("status") String status,
                                   @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return webhooks.deliveries(requestContext.caller().developerId(), id, status, page, pageSize);
    }
}
