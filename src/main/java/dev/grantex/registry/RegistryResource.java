package dev.grantex.registry;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.registry.RegistryViews.DnsVerified;
import dev.grantex.registry.RegistryViews.OrganizationList;
import dev.grantex.registry.RegistryViews.RegisterOrgRequest;
import dev.grantex.registry.RegistryViews.RegisteredOrg;
import dev.grantex.registry.RegistryViews.TrustRecordList;
import dev.grantex.registry.RegistryViews.TrustRecordView;
import dev.grantex.registry.RegistryViews.VerifyDnsRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The trust registry (/v1/trust-registry) and its public directory of organisations (/v1/registry/orgs). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Trust registry")
public class RegistryResource {
    @Inject
    TrustRegistry registry;

    @Inject
    RequestContext requestContext;

    @GET
    @Path("trust-registry")
    @Operation(summary = "The caller's organisations, verified or not")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TrustRecordList.class)))
    public TrustRecordList mine() {
        return new TrustRecordList(registry.mine(requestContext.caller().developerId()));
    }

    @GET
    @Path("trust-registry/{orgDID}")
    @PublicEndpoint
    @SecurityRequirements
    @Operation(summary = "An organisation's record: verification, trust level, published agents and stats")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TrustRecordView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    public TrustRecordView record(@PathParam("orgDID") String did) {
        return registry.publicRecord(did);
    }

    @POST
    @Path("trust-registry/verify-dns")
    @IpRateLimit(bucket = "trust-registry-verify", perMinute = 10)
    @Operation(summary = "Verify did:web:<domain> by the TXT record _grantex-verify.<domain> (registering it for the caller if nobody has)")
    @APIResponse(responseCode = "200", description = "Verified", content = @Content(schema = @Schema(implementation = DnsVerified.class)))
    @APIResponse(responseCode = "400", description = "DNS_VERIFICATION_FAILED, or not a host name")
    @APIResponse(responseCode = "409", description = "Another developer registered the domain")
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: too many DNS look-ups under way on this server")
    public DnsVerified verifyDns(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerifyDnsRequest.class))) String body) {
        return registry.verifyDomain(requestContext.caller().developerId(), JsonRequests.bind(body, VerifyDnsRequest.class).domain());
    }

    @POST
    @Path("registry/orgs")
    @IpRateLimit(bucket = "trust-registry", perMinute = 30)
    @Operation(summary = "Register an organisation; the answer holds the token its TXT record must carry")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = RegisteredOrg.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field, an agent not the caller's, or a key that is not public")
    @APIResponse(responseCode = "409", description = "did:web:<domain> is registered already")
    public Response register(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegisterOrgRequest.class))) String body) {
        RegisterOrgRequest request = JsonRequests.bind(body, RegisterOrgRequest.class);
        return Response.status(201).entity(registry.register(requestContext.caller().developerId(), request)).build();
    }

    @POST
    @Path("registry/orgs/{orgId}/verify-dns")
    @IpRateLimit(bucket = "trust-registry-verify", perMinute = 10)
    @Operation(summary = "Verify a registered organisation by its TXT record")
    @APIResponse(responseCode = "200", description = "Verified", content = @Content(schema = @Schema(implementation = DnsVerified.class)))
    @APIResponse(responseCode = "400", description = "DNS_VERIFICATION_FAILED")
    @APIResponse(responseCode = "404", description = "No such organisation of the caller")
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: too many DNS look-ups under way on this server")
    public DnsVerified verifyOrg(@PathParam("orgId") String orgId) {
        return registry.verifyOrg(requestContext.caller().developerId(), orgId);
    }

    @GET
    @Path("registry/orgs")
    @PublicEndpoint
    @SecurityRequirements
    @Operation(summary = "The directory: verified organisations, most recently verified first (at most 100)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = OrganizationList.class)))
    public OrganizationList directory() {
        return new OrganizationList(registry.directory());
    }

    @GET
    @Path("registry/orgs/{did}")
    @PublicEndpoint
    @SecurityRequirements
    @Operation(summary = "One organisation of the directory")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TrustRecordView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    public TrustRecordView organization(@PathParam("did") String did) {
        return registry.publicRecord(did);
    }

    @GET
    @Path("registry/orgs/{did}/jwks")
    @PublicEndpoint
    @SecurityRequirements
    @Operation(summary = "The public keys a verified organisation publishes, as a JWKS")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "404", description = "No such organisation, or not verified yet")
    public Response jwks(@PathParam("did") String did) {
        return Response.ok(registry.jwks(did)).build();
    }
}
