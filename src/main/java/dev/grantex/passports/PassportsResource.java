package dev.grantex.passports;

import dev.grantex.passports.PassportViews.IssuePassportRequest;
import dev.grantex.passports.PassportViews.IssuedPassport;
import dev.grantex.passports.PassportViews.PassportCheck;
import dev.grantex.passports.PassportViews.PassportSummary;
import dev.grantex.passports.PassportViews.RevokedPassport;
import dev.grantex.passports.PassportViews.VerifyPassportRequest;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agent passports (contract §7.7): issue, list, show, revoke, and the public check of a presented one. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Passports")
public class PassportsResource {
    /** Far above any passport this server issues (a few kilobytes). */
    static final int MAX_PASSPORT_CHARS = 32_768;

    @Inject
    PassportService passports;

    @Inject
    PassportVerification verification;

    @Inject
    RequestContext requestContext;

    @POST
    @Path("passport/issue")
    @IpRateLimit(bucket = "passports", perMinute = 30)
    @Operation(summary = "Issue a passport: which payment categories an agent may spend in under a grant, up to what amount")
    @APIResponse(responseCode = "201", description = "Issued", content = @Content(schema = @Schema(implementation = IssuedPassport.class)))
    @APIResponse(responseCode = "400", description = "INVALID_AGENT, INVALID_GRANT, SCOPE_INSUFFICIENT, AMOUNT_EXCEEDS_BUDGET, INVALID_EXPIRY or a malformed field")
    @APIResponse(responseCode = "422", description = "INVALID_EXPIRY: longer than GRANTEX_PASSPORT_MAX_EXPIRY_HOURS")
    public Response issue(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IssuePassportRequest.class))) String body) {
        IssuePassportRequest request = JsonRequests.bind(body, IssuePassportRequest.class);
        return Response.status(201).entity(passports.issue(requestContext.caller().developerId(), request)).build();
    }

    @GET
    @Path("passports")
    @Operation(summary = "The caller's passports, newest first (at most 100), as a bare array")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = PassportSummary.class)))
    @APIResponse(responseCode = "400", description = "Unknown status")
    public List<PassportSummary> list(@QueryParam("agentId") String agentId, @QueryParam("grantId") String grantId,
                                      @QueryParam("status") String status) {
        return passports.list(requestContext.caller().developerId(), agentId, grantId, status);
    }

    @GET
    @Path("passport/{id}")
    @Operation(summary = "A passport's credential as issued, with its status (active, revoked or expired)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "404", description = "No such passport for this developer")
    public Response get(@PathParam("id") String id) {
        return Response.ok(passports.get(requestContext.caller().developerId(), id).toString()).build();
    }

    @POST
    @Path("passport/{id}/revoke")
    @IpRateLimit(bucket = "passports", perMinute = 30)
    @Operation(summary = "Revoke a passport (its status-list bit is set); revoking again answers the first revocation")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RevokedPassport.class)))
    @APIResponse(responseCode = "404", description = "No such passport for this developer")
    public RevokedPassport revoke(@PathParam("id") String id) {
        return passports.revoke(requestContext.caller().developerId(), id);
    }

    @POST
    @Path("passport/verify")
    @PublicEndpoint
    @SecurityRequirements
    @IpRateLimit(bucket = "passport-verify", perMinute = 60)
    @Operation(summary = "Check a presented passport: proof, issuer, revocation, validity, and the request's category and amount",
            description = "The passport comes in the body's passport or in X-Grantex-Passport. 200 with valid:false and an error "
                    + "for a passport that fails a check.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PassportCheck.class)))
    @APIResponse(responseCode = "400", description = "No passport given, or a malformed category or amount")
    public PassportCheck verify(@HeaderParam("X-Grantex-Passport") String header,
                                @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(implementation = VerifyPassportRequest.class))) String body) {
        VerifyPassportRequest request = body == null || body.isBlank()
                ? new VerifyPassportRequest(null, null, null) : JsonRequests.bind(body, VerifyPassportRequest.class);
        String passport = request.passport() != null ? request.passport() : header;
        if (passport == null || passport.isBlank() || passport.length() > MAX_PASSPORT_CHARS) {
            throw ApiException.badRequest("passport (or the X-Grantex-Passport header) is required, at most "
                    + MAX_PASSPORT_CHARS + " characters");
        }
        if (request.category() != null && !PassportService.CATEGORIES.contains(request.category())) {
            throw ApiException.badRequest("category must be one of " + String.join(", ", PassportService.CATEGORIES));
        }
        return verification.check(passport, request.category(), request.amount());
    }
}
