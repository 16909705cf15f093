package dev.grantex.anomalies;

import dev.grantex.anomalies.AnomalyViews.AlertCounts;
import dev.grantex.anomalies.AnomalyViews.AlertList;
import dev.grantex.anomalies.AnomalyViews.AlertNote;
import dev.grantex.anomalies.AnomalyViews.AlertView;
import dev.grantex.anomalies.AnomalyViews.AnomalyList;
import dev.grantex.anomalies.AnomalyViews.AnomalyView;
import dev.grantex.anomalies.AnomalyViews.ChannelList;
import dev.grantex.anomalies.AnomalyViews.ChannelRequest;
import dev.grantex.anomalies.AnomalyViews.ChannelView;
import dev.grantex.anomalies.AnomalyViews.CreatedChannelView;
import dev.grantex.anomalies.AnomalyViews.DetectionView;
import dev.grantex.anomalies.AnomalyViews.RuleList;
import dev.grantex.anomalies.AnomalyViews.RuleRequest;
import dev.grantex.anomalies.AnomalyViews.RuleView;
import dev.grantex.anomalies.AnomalyViews.SwitchRequest;
import dev.grantex.webhooks.WebhookViews.DeliveryPage;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.platform.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/anomalies (detection and acknowledgement) and /v1/anomaly (alerts, their counts, rules and channels). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Anomalies")
public class AnomaliesResource {
    private static final Map<String, Duration> WINDOWS = Map.of("1h", Duration.ofHours(1), "6h", Duration.ofHours(6),
            "24h", Duration.ofHours(24));

    @Inject
    AnomalyService anomalies;

    @Inject
    AnomalyChannels channels;

    @Inject
    RequestContext requestContext;

    private String developerId() {
        return requestContext.caller().developerId();
    }

    @POST
    @Path("anomalies/detect")
    @IpRateLimit(bucket = "anomalies", perMinute = 30)
    @Operation(summary = "Run detection now; every active grant of an agent with a high or critical finding is revoked",
            description = "Takes no body (a body sent is not read).")
    @APIResponse(responseCode = "200", description = "The anomalies found",
            content = @Content(schema = @Schema(implementation = DetectionView.class)))
    public DetectionView detect() {
        AnomalyService.Detection detection = anomalies.detect(developerId(), true);
        List<AnomalyView> found = detection.anomalies().stream().map(AnomalyView::of).toList();
        return new DetectionView(Timestamps.format(detection.detectedAt()), found.size(),
                detection.autoRevokedGrants(), found);
    }

    @GET
    @Path("anomalies")
    @Operation(summary = "The developer's anomalies, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AnomalyList.class)))
    @APIResponse(responseCode = "400", description = "unacknowledged is neither true nor false")
    public AnomalyList list(@QueryParam("unacknowledged") String unacknowledged) {
        if (unacknowledged != null && !unacknowledged.equals("true") && !unacknowledged.equals("false")) {
            throw ApiException.badRequest("unacknowledged must be true or false");
        }
        List<AnomalyView> views = anomalies.list(developerId(), "true".equals(unacknowledged)).stream()
                .map(AnomalyView::of).toList();
        return new AnomalyList(views, views.size());
    }

    @PATCH
    @Path("anomalies/{id}/acknowledge")
    @Operation(summary = "Acknowledge an anomaly")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AnomalyView.class)))
    @APIResponse(responseCode = "404", description = "No such anomaly for this developer")
    public AnomalyView acknowledge(@PathParam("id") String id) {
        return AnomalyView.of(anomalies.acknowledge(developerId(), id, null));
    }

    @POST
    @Path("anomalies/{id}/acknowledge")
    @Operation(summary = "Acknowledge an anomaly (the Go SDK's method)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AnomalyView.class)))
    @APIResponse(responseCode = "404", description = "No such anomaly for this developer")
    public AnomalyView acknowledgeByPost(@PathParam("id") String id) {
        return acknowledge(id);
    }

    @GET
    @Path("anomaly/alerts")
    @Operation(summary = "Alerts (the anomalies with their lifecycle), newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AlertList.class)))
    @APIResponse(responseCode = "400", description = "A bad limit, status or severity")
    public AlertList alerts(@QueryParam("limit") String limit, @QueryParam("status") String status,
                            @QueryParam("severity") String severity, @QueryParam("agentId") String agentId) {
        int max = limit == null ? 100 : (int) Math.max(1, Math.min(1000,
                QueryParams.wholeNumber(limit, "limit", Integer.MIN_VALUE, Integer.MAX_VALUE)));
        return new AlertList(anomalies.alerts(developerId(), max, status, severity, agentId).stream()
                .map(AlertView::of).toList());
    }

    @GET
    @Path("anomaly/alerts/{alertId}")
    @Operation(summary = "One alert")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No such alert for this developer")
    public AlertView alert(@PathParam("alertId") String alertId) {
        return AlertView.of(anomalies.get(developerId(), alertId));
    }

    @POST
    @Path("anomaly/alerts/{alertId}/acknowledge")
    @Operation(summary = "Acknowledge an alert, with an optional note")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No such alert for this developer")
    public AlertView acknowledgeAlert(@PathParam("alertId") String alertId, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertNote.class))) String body) {
        return AlertView.of(anomalies.acknowledge(developerId(), alertId, JsonRequests.bind(body, AlertNote.class).note()));
    }

    @POST
    @Path("anomaly/alerts/{alertId}/resolve")
    @Operation(summary = "Resolve an alert, with an optional note")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No such alert for this developer")
    public AlertView resolveAlert(@PathParam("alertId") String alertId, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertNote.class))) String body) {
        return AlertView.of(anomalies.resolve(developerId(), alertId, JsonRequests.bind(body, AlertNote.class).note()));
    }

    @GET
    @Path("anomaly/metrics")
    @Operation(summary = "Counts of the alerts detected within a window (1h, 6h or 24h), by status and severity")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AlertCounts.class)))
    @APIResponse(responseCode = "400", description = "window is not 1h, 6h or 24h")
    public AlertCounts metrics(@QueryParam("window") String window, @QueryParam("agentId") String agentId) {
        String chosen = window == null ? "24h" : window;
        Duration duration = WINDOWS.get(chosen);
        if (duration == null) {
            throw ApiException.badRequest("window must be 1h, 6h or 24h");
        }
        AnomalyService.Counts counts = anomalies.counts(developerId(), duration, agentId);
        return new AlertCounts(chosen, counts.total(), counts.byStatus(), counts.bySeverity());
    }

    @GET
    @Path("anomaly/rules")
    @Operation(summary = "The built-in rules (whether each is computed and enabled), then the developer's own")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleList.class)))
    public RuleList rules() {
        Map<String, Boolean> switches = anomalies.builtInSwitches(developerId());
        List<RuleView> rules = new ArrayList<>();
        BuiltInRule.ALL.forEach(rule -> rules.add(RuleView.of(rule, switches.getOrDefault(rule.ruleId(), true))));
        anomalies.customRules(developerId()).forEach(rule -> rules.add(RuleView.of(rule)));
        return new RuleList(rules);
    }

    @POST
    @Path("anomaly/rules")
    @IpRateLimit(bucket = "anomalies", perMinute = 30)
    @Operation(summary = "Add a rule: more than condition.threshold audit entries of one agent within condition.windowMinutes, "
            + "counting only those of condition.action (exact, or a prefix ending in *) and condition.status where given")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "400", description = "A missing or bad field, or alertChannels naming a channel not the developer's "
            + "or more than 25")
    @APIResponse(responseCode = "409", description = "The rule id is taken, or a built-in's")
    public Response createRule(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RuleRequest.class))) String body) {
        return Response.status(201).entity(RuleView.of(anomalies.createRule(developerId(),
                JsonRequests.bind(body, RuleRequest.class)))).build();
    }

    @PATCH
    @Path("anomaly/rules/{id}")
    @Operation(summary = "Switch a rule on or off: a built-in by its rule id (AD-001…), one's own by its id or rule id")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "400", description = "enabled is missing or not a boolean")
    @APIResponse(responseCode = "404", description = "No such rule for this developer")
    public RuleView switchRule(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SwitchRequest.class))) String body) {
        boolean enabled = enabled(body);
        anomalies.enableRule(developerId(), id, enabled);
        return BuiltInRule.find(id).map(rule -> RuleView.of(rule, enabled))
                .orElseGet(() -> RuleView.of(anomalies.customRule(developerId(), id)));
    }

    @DELETE
    @Path("anomaly/rules/{id}")
    @IpRateLimit(bucket = "anomalies", perMinute = 30)
    @Operation(summary = "Remove one of the developer's rules (built-ins can only be switched off)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "A built-in rule")
    @APIResponse(responseCode = "404", description = "No such rule for this developer")
    public Response deleteRule(@PathParam("id") String id) {
        anomalies.deleteRule(developerId(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("anomaly/channels")
    @IpRateLimit(bucket = "anomalies", perMinute = 30)
    @Operation(summary = "Add an alert channel: a webhook (the signed anomaly.detected event, retried like a webhook's), "
            + "a Slack incoming webhook, or email through the server's SMTP server")
    @APIResponse(responseCode = "201", description = "Created; a webhook channel's signing secret is shown here only",
            content = @Content(schema = @Schema(implementation = CreatedChannelView.class)))
    @APIResponse(responseCode = "400", description = "A missing or bad field, a URL the server may not call, email "
            + "without the server's SMTP settings, or email addresses too long together for a mailto: URL")
    @APIResponse(responseCode = "402", description = "The plan's alert channels are all in use")
    public Response createChannel(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChannelRequest.class))) String body) {
        AnomalyChannels.Created created = channels.create(developerId(), requestContext.caller().plan(),
                JsonRequests.bind(body, ChannelRequest.class));
        return Response.status(201).entity(CreatedChannelView.of(created)).build();
    }

    @GET
    @Path("anomaly/channels")
    @Operation(summary = "The developer's alert channels, oldest first (without secrets)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ChannelList.class)))
    public ChannelList channels() {
        return new ChannelList(channels.list(developerId()).stream().map(ChannelView::of).toList());
    }

    @GET
    @Path("anomaly/channels/{id}")
    @Operation(summary = "One alert channel")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "404", description = "No such channel for this developer")
    public ChannelView channel(@PathParam("id") String id) {
        return ChannelView.of(channels.get(developerId(), id));
    }

    @PATCH
    @Path("anomaly/channels/{id}")
    @Operation(summary = "Switch an alert channel on or off")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", description = "enabled is missing or not a boolean")
    @APIResponse(responseCode = "404", description = "No such channel for this developer")
    public ChannelView switchChannel(@PathParam("id") String id, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SwitchRequest.class))) String body) {
        return ChannelView.of(channels.enable(developerId(), id, enabled(body)));
    }

    @DELETE
    @Path("anomaly/channels/{id}")
    @IpRateLimit(bucket = "anomalies", perMinute = 30)
    @Operation(summary = "Remove an alert channel; its alerts not yet delivered are given up")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such channel for this developer")
    public Response deleteChannel(@PathParam("id") String id) {
        channels.delete(developerId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("anomaly/channels/{id}/deliveries")
    @Operation(summary = "The alerts sent to a channel, newest first, with each one's attempts and last error")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown status, or page/pageSize not a whole number of at least 1")
    @APIResponse(responseCode = "404", description = "No such channel for this developer")
    public DeliveryPage channelDeliveries(@PathParam("id") String id, @QueryParam("status") String status,
                                          @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return channels.deliveries(developerId(), id, status, page, pageSize);
    }

    private static boolean enabled(String body) {
        Boolean enabled = JsonRequests.bind(body, SwitchRequest.class).enabled();
        if (enabled == null) {
            throw ApiException.badRequest("enabled is required: true or false");
        }
        return enabled;
    }
}
