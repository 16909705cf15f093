package dev.grantex.audit;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.platform.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
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

/** /v1/audit: the append-only, hash-chained audit trail (no route changes or deletes an entry). */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Audit")
public class AuditResource {
    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;

    public record AuditEntryView(String entryId, String agentId, String agentDid, String grantId, String principalId,
                                 String developerId, String action, JsonObject metadata, String hash, String prevHash,
                                 String timestamp, String status) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(e.id(), e.agentId(), e.agentDid(), e.grantId(), e.principalId(),
                    e.developerId(), e.action(), e.metadataJson(), e.hash(), e.prevHash(),
                    Timestamps.format(e.timestamp()), e.status());
        }
    }

    /** A page of entries; nextCursor (pass it as ?after=) is present while more entries follow. */
    public record AuditPage(List<AuditEntryView> entries, @JsonbNillable(false) String nextCursor) {
    }

    @Inject
    AuditService audit;

    @Inject
    RequestContext requestContext;

    @POST
    @Path("log")
    @IpRateLimit(bucket = "audit-log", perMinute = 30)
    @Operation(summary = "Append an entry to the caller's hash chain")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AuditEntryView.class)))
    @APIResponse(responseCode = "400", description = "A required field is missing, a bad status, or metadata not an object")
    @APIResponse(responseCode = "402", description = "Audit-entry quota reached")
    public Response log(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuditRecord.class))) String body) {
        AuditEntry entry = audit.append(requestContext.caller(), JsonRequests.bind(body, AuditRecord.class));
        return Response.status(201).entity(AuditEntryView.of(entry)).build();
    }

    @GET
    @Path("entries")
    @Operation(summary = "The caller's entries in chain order, filtered, a page at a time",
            description = "A page holds limit entries, or fewer when their metadata would pass 1 MiB of JSON; "
                    + "nextCursor is present while more entries follow.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid since, until, after or limit")
    public AuditPage entries(@QueryParam("agentId") String agentId, @QueryParam("grantId") String grantId,
                             @QueryParam("principalId") String principalId, @QueryParam("action") String action,
                             @QueryParam("status") String status, @QueryParam("since") String since,
                             @QueryParam("until") String until, @QueryParam("after") String after,
                             @QueryParam("limit") String limit) {
        int pageSize = limit == null ? DEFAULT_LIMIT : (int) QueryParams.wholeNumber(limit, "limit", 1, MAX_LIMIT);
        long afterSeq = after == null ? 0 : QueryParams.wholeNumber(after, "after", 0, Long.MAX_VALUE);
        AuditService.Filter filter = new AuditService.Filter(agentId, grantId, principalId, action, status,
                QueryParams.instant(since, "since"), QueryParams.instant(until, "until"));
        AuditService.Page page = audit.page(requestContext.caller().developerId(), filter, afterSeq, pageSize);
        List<AuditEntry> shown = page.entries();
        return new AuditPage(shown.stream().map(AuditEntryView::of).toList(),
                page.more() ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the caller's hash chain (or the part within since/until)",
            description = "Recomputes every hash and checks every link. reason is \"link\" when an entry does "
                    + "not point to the one before it, \"content\" when an entry no longer matches its hash.")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = AuditService.ChainReport.class)))
    public AuditService.ChainReport verify(@QueryParam("since") String since, @QueryParam("until") String until) {
        return audit.verify(requestContext.caller().developerId(), QueryParams.instant(since, "since"), QueryParams.instant(until, "until"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One entry")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AuditEntryView.class)))
    @APIResponse(responseCode = "404", description = "No such entry for this developer")
    public AuditEntryView get(@PathParam("id") String id) {
        return AuditEntryView.of(audit.get(requestContext.caller().developerId(), id));
    }
}
