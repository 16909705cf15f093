package dev.grantex.usage;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.web.QueryParams;
import dev.grantex.usage.UsageViews.UsageHistory;
import dev.grantex.usage.UsageViews.UsageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/usage: the calling developer's metered requests, today and per day. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Usage")
public class UsageResource {
    private static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 90;

    @Inject
    UsageService usage;

    @Inject
    RequestContext requestContext;

    @GET
    @Operation(summary = "Today's (UTC) token exchanges, authorizations and verifications")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UsageView.class)))
    public UsageView today() {
        return usage.today(requestContext.caller().developerId());
    }

    @GET
    @Path("history")
    @Operation(summary = "The counts of each day with usage among the last days (today included), newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UsageHistory.class)))
    @APIResponse(responseCode = "400", description = "days not a whole number from 1 to 90")
    public UsageHistory history(@QueryParam("days") String days) {
        int window = days == null ? DEFAULT_DAYS : (int) QueryParams.wholeNumber(days, "days", 1, MAX_DAYS);
        return usage.history(requestContext.caller().developerId(), window);
    }
}
