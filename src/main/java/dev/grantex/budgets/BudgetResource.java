package dev.grantex.budgets;

import dev.grantex.budgets.BudgetService.Debited;
import dev.grantex.budgets.BudgetViews.AllocateRequest;
import dev.grantex.budgets.BudgetViews.AllocationList;
import dev.grantex.budgets.BudgetViews.AllocationView;
import dev.grantex.budgets.BudgetViews.DebitRequest;
import dev.grantex.budgets.BudgetViews.DebitView;
import dev.grantex.budgets.BudgetViews.TransactionPage;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.json.StreamedList;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.platform.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/budget: budgets of the calling developer's grants. */
@Path("/v1/budget")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Budgets")
public class BudgetResource {
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 200;

    @Inject
    BudgetService budgets;

    @Inject
    RequestContext requestContext;

    @POST
    @Path("allocate")
    @IpRateLimit(bucket = "budget", perMinute = 30)
    @Operation(summary = "Give a grant its budget (one per grant)")
    @APIResponse(responseCode = "201", description = "Allocated", content = @Content(schema = @Schema(implementation = AllocationView.class)))
    @APIResponse(responseCode = "400", description = "Missing grant, or an amount that is not positive, has more than 4 decimals or is too large")
    @APIResponse(responseCode = "404", description = "No such grant for this developer")
    @APIResponse(responseCode = "409", description = "GRANT_INACTIVE (revoked or expired) or CONFLICT (already allocated)")
    public Response allocate(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AllocateRequest.class))) String body) {
        AllocateRequest request = JsonRequests.bind(body, AllocateRequest.class);
        return Response.status(201).entity(budgets.allocate(requestContext.caller().developerId(), request)).build();
    }

    @POST
    @Path("debit")
    @IpRateLimit(bucket = "budget", perMinute = 30)
    @Operation(summary = "Take an amount off a grant's budget, atomically; retries with the same Idempotency-Key debit once")
    @APIResponse(responseCode = "200", description = "Debited (or the first answer to this Idempotency-Key, with Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = DebitView.class)))
    @APIResponse(responseCode = "400", description = "Bad amount, description, metadata or Idempotency-Key")
    @APIResponse(responseCode = "402", description = "INSUFFICIENT_BUDGET: no allocation, or less remaining than the amount")
    @APIResponse(responseCode = "404", description = "No such grant for this developer")
    @APIResponse(responseCode = "409", description = "GRANT_INACTIVE (revoked or expired), or CONFLICT (the key was used for another debit)")
    public Response debit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                  schema = @Schema(implementation = DebitRequest.class))) String body,
                          @Parameter(description = "Makes retries of this debit return its first answer")
                          @HeaderParam("Idempotency-Key") String idempotencyKey) {
        DebitRequest request = JsonRequests.bind(body, DebitRequest.class);
        Debited debited = budgets.debit(requestContext.caller().developerId(), request, idempotencyKey);
        Response.ResponseBuilder response = Response.ok(debited.view());
        if (debited.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Path("balance/{grantId}")
    @Operation(summary = "A grant's budget allocation")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AllocationView.class)))
    @APIResponse(responseCode = "404", description = "No allocation for this grant of this developer")
    public AllocationView balance(@PathParam("grantId") String grantId) {
        return budgets.balance(requestContext.caller().developerId(), grantId);
    }

    @GET
    @Path("allocations")
    @Operation(summary = "The developer's budget allocations, newest first",
            description = "Every allocation, written as it is read: the list is not paginated.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AllocationList.class)))
    public Response allocations() {
        String developerId = requestContext.caller().developerId();
        return Response.ok(StreamedList.<BudgetAllocation>of("allocations", each -> budgets.allocations(developerId, each),
                AllocationView::of), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("transactions/{grantId}")
    @Operation(summary = "A grant's debits, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TransactionPage.class)))
    @APIResponse(responseCode = "400", description = "page below 1, or pageSize outside 1..200")
    @APIResponse(responseCode = "404", description = "No such grant for this developer")
    public TransactionPage transactions(@PathParam("grantId") String grantId, @QueryParam("page") String page,
                                        @QueryParam("pageSize") String pageSize) {
        int pageNumber = page == null ? 1 : (int) QueryParams.wholeNumber(page, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : (int) QueryParams.wholeNumber(pageSize, "pageSize", 1, MAX_PAGE_SIZE);
        return budgets.transactions(requestContext.caller().developerId(), grantId, pageNumber, size);
    }
}
