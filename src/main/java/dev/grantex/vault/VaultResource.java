package dev.grantex.vault;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.GrantTokenEndpoint;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.json.StreamedList;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.tokens.GrantTokenContext;
import dev.grantex.vault.VaultViews.VaultExchangeRequest;
import dev.grantex.vault.VaultViews.ExchangedView;
import dev.grantex.vault.VaultViews.VaultStoreRequest;
import dev.grantex.vault.VaultViews.StoredView;
import dev.grantex.vault.VaultViews.VaultCredentialList;
import dev.grantex.vault.VaultViews.VaultCredentialView;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/vault/credentials: principals' tokens for outside services, stored sealed, and their exchange by agents. */
@Path("/v1/vault/credentials")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Vault")
public class VaultResource {
    @Inject
    VaultService vault;

    @Inject
    VaultExchange exchanges;

    @Inject
    RequestContext requestContext;

    @Inject
    GrantTokenContext grantTokenContext;

    @POST
    @IpRateLimit(bucket = "vault", perMinute = 30)
    @Operation(summary = "Store a principal's tokens for a service (replacing what was stored for that pair)")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = StoredView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field")
    public Response store(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VaultStoreRequest.class))) String body) {
        VaultStoreRequest request = JsonRequests.bind(body, VaultStoreRequest.class);
        return Response.status(201)
                .entity(StoredView.of(vault.store(requestContext.caller().developerId(), request))).build();
    }

    @GET
    @Operation(summary = "The stored credentials, newest first, never with their tokens",
            description = "Every one that matches, written as it is read: the list is not paginated.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = VaultCredentialList.class)))
    @APIResponse(responseCode = "400", description = "A malformed service")
    public Response list(@QueryParam("principalId") String principalId, @QueryParam("service") String service) {
        String developerId = requestContext.caller().developerId();
        // Checked before the answer starts: a 400 cannot follow the first byte of a 200.
        String checkedService = service == null ? null : VaultService.service(service);
        return Response.ok(StreamedList.<VaultCredential>of("credentials",
                each -> vault.list(developerId, principalId, checkedService, each), VaultCredentialView::of),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One stored credential, without its tokens")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = VaultCredentialView.class)))
    @APIResponse(responseCode = "404", description = "No such credential for this developer")
    public VaultCredentialView get(@PathParam("id") String id) {
        return vault.get(requestContext.caller().developerId(), id);
    }

    @DELETE
    @Path("{id}")
    @IpRateLimit(bucket = "vault", perMinute = 30)
    @Operation(summary = "Remove a stored credential")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such credential for this developer")
    public Response delete(@PathParam("id") String id) {
        vault.delete(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("exchange")
    @GrantTokenEndpoint
    @SecurityRequirement(name = "grantToken")
    @IpRateLimit(bucket = "vault-exchange", perMinute = 20)
    @Operation(summary = "An agent takes its principal's stored access token for a service, with a grant token whose scopes allow it",
            description = "Sufficient scopes (case-insensitive): *, <service>:*, <service>:read, <service>:credentials:read, "
                    + "vault:<service>:*, vault:<service>:read, vault:credentials:exchange. Every exchange and refusal is audited.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ExchangedView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed service")
    @APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked grant token")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the grant's scopes do not reach the service")
    @APIResponse(responseCode = "404", description = "Nothing stored for the grant's principal and the service")
    public ExchangedView exchange(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VaultExchangeRequest.class))) String body) {
        VaultExchangeRequest request = JsonRequests.bind(body, VaultExchangeRequest.class);
        return exchanges.exchange(requestContext.caller(), grantTokenContext.token(), request.service());
    }
}
