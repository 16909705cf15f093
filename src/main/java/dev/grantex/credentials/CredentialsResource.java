package dev.grantex.credentials;

import dev.grantex.credentials.CredentialViews.CredentialList;
import dev.grantex.credentials.CredentialViews.CredentialView;
import dev.grantex.credentials.CredentialViews.PresentRequest;
import dev.grantex.credentials.CredentialViews.PresentResult;
import dev.grantex.credentials.CredentialViews.VerifyRequest;
import dev.grantex.credentials.CredentialViews.VerifyResult;
import dev.grantex.platform.Fields;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/credentials: the developer's issued credentials, and the public checks and status lists. */
@Path("/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Credentials")
public class CredentialsResource {
    /** The longest credential or presentation read: a VC-JWT of a grant with 100 long scopes fits many times over. */
    static final int MAX_CREDENTIAL_CHARS = 65_536;

    @Inject
    CredentialService credentials;

    @Inject
    SdJwtPresentations presentations;

    @Inject
    RequestContext requestContext;

    @GET
    @Operation(summary = "The caller's issued credentials, newest first (at most 100)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = CredentialList.class)))
    @APIResponse(responseCode = "400", description = "Unknown status")
    public CredentialList list(@QueryParam("grantId") String grantId, @QueryParam("principalId") String principalId,
                               @QueryParam("status") String status) {
        return new CredentialList(credentials.list(requestContext.caller().developerId(), grantId, principalId, status));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One issued credential")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = CredentialView.class)))
    @APIResponse(responseCode = "404", description = "No such credential for this developer")
    public CredentialView get(@PathParam("id") String id) {
        return credentials.get(requestContext.caller().developerId(), id);
    }

    @POST
    @Path("verify")
    @PublicEndpoint
    @SecurityRequirements
    @IpRateLimit(bucket = "credentials-verify", perMinute = 30)
    @Operation(summary = "Check a VC-JWT: signature, issuer, revocation (status list) and expiry",
            description = "200 with valid:false for anything that is not a live credential of this server.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = VerifyResult.class)))
    @APIResponse(responseCode = "400", description = "credential (or vcJwt) is missing")
    public VerifyResult verify(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerifyRequest.class))) String body) {
        VerifyRequest request = JsonRequests.bind(body, VerifyRequest.class);
        String credential = request.credential() != null ? request.credential() : request.vcJwt();
        return credentials.verify(Fields.requireText(credential, "credential", MAX_CREDENTIAL_CHARS));
    }

    @POST
    @Path("present")
    @PublicEndpoint
    @SecurityRequirements
    @IpRateLimit(bucket = "credentials-present", perMinute = 30)
    @Operation(summary = "Check an SD-JWT presentation: issuer JWT, each disclosure against its digest, and the key-binding JWT",
            description = "200 with valid:false and an error for a presentation that fails a check.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PresentResult.class)))
    @APIResponse(responseCode = "400", description = "sdJwt is missing")
    public PresentResult present(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PresentRequest.class))) String body) {
        PresentRequest request = JsonRequests.bind(body, PresentRequest.class);
        Fields.requireText(request.sdJwt(), "sdJwt", MAX_CREDENTIAL_CHARS);
        if (request.nonce() != null) {
            Fields.requireText(request.nonce(), "nonce", 1024);
        }
        if (request.audience() != null) {
            Fields.requireText(request.audience(), "audience", 2048);
        }
        return presentations.present(request.sdJwt(), request.nonce(), request.audience());
    }

    @GET
    @Path("status/{listId}")
    @PublicEndpoint
    @SecurityRequirements
    @IpRateLimit(bucket = "credentials-status", perMinute = 60)
    @Operation(summary = "A StatusList2021 credential: which credentials of the list are revoked")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "404", description = "No such list")
    public Response statusList(@PathParam("listId") String listId) {
        return Response.ok(credentials.statusListCredential(listId).toString()).build();
    }
}
