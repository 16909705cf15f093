package dev.grantex.compliance;

import dev.grantex.audit.AuditEntry;
import dev.grantex.audit.AuditService;
import dev.grantex.audit.ChainCheck;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonbConfigurator;
import dev.grantex.platform.json.StreamedList;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.platform.web.QueryParams;
import dev.grantex.policies.PolicyService;
import dev.grantex.policies.PolicyViews.PolicyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /v1/compliance: the caller's summary, exports of its grants and audit entries (JSON, or CSV when
 * asked with Accept: text/csv) and the evidence pack with the audit chain checked. Exports are
 * written as rows are read, a page at a time, so their size is not bounded by the server's memory.
 */
@Path("/v1/compliance")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Compliance")
public class ComplianceResource {
    static final String TEXT_CSV = "text/csv";
    private static final Set<String> FRAMEWORKS = Set.of("soc2", "gdpr", "all");

    @Inject
    ComplianceSummary summaries;

    @Inject
    GrantService grants;

    @Inject
    AuditService audit;

    @Inject
    PolicyService policies;

    @Inject
    RequestContext requestContext;

    @Inject
    Clock clock;

    /** The part of the timeline asked for; either end may be open. */
    private record Range(Instant since, Instant until) {
        static Range of(String since, String until) {
            Range range = new Range(QueryParams.instant(since, "since"), QueryParams.instant(until, "until"));
            if (range.since != null && range.until != null && range.since.isAfter(range.until)) {
                throw ApiException.badRequest("since must not be after until");
            }
            return range;
        }
    }

    @GET
    @Path("summary")
    @Operation(summary = "Counts of the caller's agents, grants (issued within since/until), audit entries "
            + "(written within since/until) and policies")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ComplianceSummary.Summary.class)))
    @APIResponse(responseCode = "400", description = "since or until is not an ISO-8601 time, or since is after until")
    public ComplianceSummary.Summary summary(@QueryParam("since") String since, @QueryParam("until") String until) {
        Range range = Range.of(since, until);
        return summaries.of(requestContext.caller(), clock.instant(), range.since(), range.until());
    }

    @GET
    @Path("export/grants")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @IpRateLimit(bucket = "compliance", perMinute = 10)
    @Operation(summary = "Every grant issued within since/until, of one status if asked, oldest first",
            description = "JSON {generatedAt, grants, total}, or CSV with a header line when Accept is text/csv. "
                    + "A grant active but past its expiry is reported expired.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "A bad since, until or status")
    public Response exportGrants(@QueryParam("since") String since, @QueryParam("until") String until,
                                 @QueryParam("status") String status, @Context HttpHeaders headers) {
        Range range = Range.of(since, until);
        if (status != null) {
            GrantService.requireReportedStatus(status);
        }
        String developerId = requestContext.caller().developerId();
        Instant now = clock.instant();
        Consumer<Consumer<Grant>> rows = each -> grants.walk(developerId, range.since(), range.until(), status, each);
        return export(headers, "grants", now, ExportColumns.grants(now), rows);
    }

    @GET
    @Path("export/audit")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @IpRateLimit(bucket = "compliance", perMinute = 10)
    @Operation(summary = "Every audit entry written within since/until, of one agent and status if asked, in chain order",
            description = "JSON {generatedAt, entries, total}, or CSV with a header line when Accept is text/csv.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "A bad since, until or status")
    public Response exportAudit(@QueryParam("since") String since, @QueryParam("until") String until,
                                @QueryParam("agentId") String agentId, @QueryParam("status") String status,
                                @Context HttpHeaders headers) {
        Range range = Range.of(since, until);
        if (status != null) {
            AuditService.requireStatus(status);
        }
        String developerId = requestContext.caller().developerId();
        AuditService.Filter filter = new AuditService.Filter(agentId, null, null, null, status, range.since(), range.until());
        Consumer<Consumer<AuditEntry>> rows = each -> audit.walk(developerId, filter, each);
        return export(headers, "entries", clock.instant(), ExportColumns.AUDIT_ENTRIES, rows);
    }

    @GET
    @Path("evidence-pack")
    @IpRateLimit(bucket = "compliance", perMinute = 10)
    @Operation(summary = "Everything an auditor asks for at once: summary, grants, audit entries, policies and the "
            + "audit chain's integrity within since/until",
            description = "{meta, summary, grants, auditEntries, policies, chainIntegrity}. chainIntegrity is the "
                    + "check of the entries in the pack, as GET /v1/audit/verify reports it.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "A bad since, until or framework (soc2, gdpr or all)")
    public Response evidencePack(@QueryParam("since") String since, @QueryParam("until") String until,
                                 @QueryParam("framework") String framework) {
        Range range = Range.of(since, until);
        String chosen = framework == null ? "all" : framework;
        if (!FRAMEWORKS.contains(chosen)) {
            throw ApiException.badRequest("framework must be \"soc2\", \"gdpr\" or \"all\"");
        }
        Caller caller = requestContext.caller();
        String developerId = caller.developerId();
        Instant now = clock.instant();
        ComplianceSummary.Summary summary = summaries.of(caller, now, range.since(), range.until()).withoutGeneratedAt();
        List<PolicyView> policyViews = policies.list(developerId).stream().map(PolicyView::of).toList();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("schemaVersion", "1.0");
        meta.put("generatedAt", Timestamps.format(now));
        meta.put("since", Timestamps.format(range.since()));
        meta.put("until", Timestamps.format(range.until()));
        meta.put("framework", chosen);
        meta.values().removeIf(value -> value == null);
        StreamingOutput body = output -> {
            Writer out = StreamedList.writer(output);
            Jsonb jsonb = JsonbConfigurator.shared();
            JsonExport pack = new JsonExport(out).raw("meta", jsonb.toJson(meta)).raw("summary", jsonb.toJson(summary));
            pack.rows("grants", ExportColumns.grants(now),
                    each -> grants.walk(developerId, range.since(), range.until(), null, each));
            ChainCheck chain = new ChainCheck(range.since(), range.until());
            AuditService.Filter filter = new AuditService.Filter(null, null, null, null, null, range.since(), range.until());
            pack.rows("auditEntries", ExportColumns.AUDIT_ENTRIES, each -> audit.walk(developerId, filter, entry -> {
                chain.accept(entry);
                each.accept(entry);
            }));
            pack.raw("policies", jsonb.toJson(policyViews))
                    .raw("chainIntegrity", jsonb.toJson(audit.report(developerId, chain)))
                    .end();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private <T> Response export(HttpHeaders headers, String rowsName, Instant generatedAt, List<Column<T>> columns,
                                Consumer<Consumer<T>> rows) {
        if (wantsCsv(headers)) {
            StreamingOutput body = output -> CsvExport.write(StreamedList.writer(output), columns, rows);
            return Response.ok(body, TEXT_CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"grantex-" + rowsName + ".csv\"").build();
        }
        StreamingOutput body = output -> {
            JsonExport json = new JsonExport(StreamedList.writer(output)).text("generatedAt", Timestamps.format(generatedAt));
            long total = json.rows(rowsName, columns, rows);
            json.number("total", total).end();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** CSV when the most preferred type the client accepts (JAX-RS sorts them by quality) is text/csv. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return false;
            }
            if ("text".equals(accepted.getType()) && "csv".equals(accepted.getSubtype())) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
