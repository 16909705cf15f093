package dev.grantex.domains;

import dev.grantex.domains.DomainViews.AddDomainRequest;
import dev.grantex.domains.DomainViews.AddedDomain;
import dev.grantex.domains.DomainViews.DomainList;
import dev.grantex.domains.DomainViews.VerifiedDomain;
import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/domains: a developer's own host names for consent links (enterprise plan). */
@Path("/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Domains")
public class DomainsResource {
    @Inject
    DomainService domains;

    @Inject
    ConsentOrigins origins;

    @Inject
    RequestContext requestContext;

    @POST
    @IpRateLimit(bucket = "domains", perMinute = 30)
    @Operation(summary = "Add a domain; the answer says which DNS TXT record proves it")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = AddedDomain.class)))
    @APIResponse(responseCode = "400", description = "Not a host name of two or more labels, or an IP address")
    @APIResponse(responseCode = "402", description = "Not on the enterprise plan")
    @APIResponse(responseCode = "409", description = "The domain is registered already")
    public Response add(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AddDomainRequest.class))) String body) {
        AddDomainRequest request = JsonRequests.bind(body, AddDomainRequest.class);
        Caller caller = requestContext.caller();
        return Response.status(201).entity(domains.add(caller, request.domain())).build();
    }

    @GET
    @Operation(summary = "The caller's domains, oldest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DomainList.class)))
    public DomainList list() {
        return new DomainList(domains.list(requestContext.caller().developerId()));
    }

    @POST
    @Path("{id}/verify")
    @IpRateLimit(bucket = "domains-verify", perMinute = 10)
    @Operation(summary = "Look up the domain's TXT record; once it holds the token, consent links use the domain")
    @APIResponse(responseCode = "200", description = "Verified", content = @Content(schema = @Schema(implementation = VerifiedDomain.class)))
    @APIResponse(responseCode = "400", description = "VERIFICATION_FAILED: no TXT record with the token, or the look-up failed")
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: too many DNS look-ups under way on this server")
    @APIResponse(responseCode = "404", description = "No such domain for this developer")
    public VerifiedDomain verify(@PathParam("id") String id) {
        String developerId = requestContext.caller().developerId();
        VerifiedDomain verified = domains.verify(developerId, id);
        origins.forget(developerId);
        return verified;
    }

    @DELETE
    @Path("{id}")
    @IpRateLimit(bucket = "domains", perMinute = 30)
    @Operation(summary = "Remove a domain; consent links return to the server's own URL (or another verified domain)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such domain for this developer")
    public Response delete(@PathParam("id") String id) {
        String developerId = requestContext.caller().developerId();
        domains.delete(developerId, id);
        origins.forget(developerId);
        return Response.noContent().build();
    }
}
