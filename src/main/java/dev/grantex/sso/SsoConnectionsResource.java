package dev.grantex.sso;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.sso.SsoViews.ConnectionList;
import dev.grantex.sso.SsoViews.ConnectionView;
import dev.grantex.sso.SsoViews.EnforceView;
import dev.grantex.sso.SsoViews.TestResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** /v1/sso/connections and /v1/sso/enforce: the developer's enterprise connections (contract §2.14). */
@Path("/v1/sso")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "SSO")
public class SsoConnectionsResource {
    @Inject
    SsoConnections connections;

    @Inject
    ConnectionTest connectionTest;

    @Inject
    RequestContext requestContext;

    public record EnforceRequest(@Schema(required = true) Boolean enforce) {
    }

    @POST
    @Path("connections")
    @Operation(summary = "Add an OIDC, SAML or LDAP connection")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid for the protocol")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectionRequest.class))) String body) {
        SsoConnection connection = connections.create(developerId(), JsonRequests.bind(body, ConnectionRequest.class));
        return Response.status(201).entity(ConnectionView.of(connection)).build();
    }

    @GET
    @Path("connections")
    @Operation(summary = "The developer's connections, oldest first, without secrets")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ConnectionList.class)))
    public ConnectionList list() {
        return new ConnectionList(connections.list(developerId()).stream().map(ConnectionView::of).toList());
    }

    @GET
    @Path("connections/{id}")
    @Operation(summary = "One connection, without secrets")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this developer")
    public ConnectionView get(@PathParam("id") String id) {
        return ConnectionView.of(connections.get(developerId(), id));
    }

    @PATCH
    @Path("connections/{id}")
    @Operation(summary = "Change a connection: the fields given replace the stored ones")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid, or the protocol would change")
    @APIResponse(responseCode = "404", description = "No such connection for this developer")
    public ConnectionView update(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectionRequest.class))) String body) {
        return ConnectionView.of(connections.update(developerId(), id, JsonRequests.bind(body, ConnectionRequest.class)));
    }

    @DELETE
    @Path("connections/{id}")
    @Operation(summary = "Remove a connection; its sessions stay until they expire or are revoked")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such connection for this developer")
    public Response delete(@PathParam("id") String id) {
        connections.delete(developerId(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("connections/{id}/test")
    @Operation(summary = "Reach the connection's provider: OIDC discovery, the SAML certificate, or an LDAP service bind")
    @APIResponse(responseCode = "200", description = "success says whether it worked; error says why not",
            content = @Content(schema = @Schema(implementation = TestResult.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this developer")
    public TestResult test(@PathParam("id") String id) {
        return connectionTest.run(connections.get(developerId(), id).settings());
    }

    @POST
    @Path("enforce")
    @Operation(summary = "Require (or stop requiring) the developer's principals to sign in through SSO",
            description = "Sets enforce on every active connection. While enforced, principal sessions opened "
                    + "with the API key are refused; SSO session tokens open the principal routes.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EnforceView.class)))
    @APIResponse(responseCode = "400", description = "enforce is not a boolean")
    @APIResponse(responseCode = "409", description = "CONFLICT: enforce true without an active connection")
    public EnforceView enforce(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnforceRequest.class))) String body) {
        Boolean enforce = JsonRequests.bind(body, EnforceRequest.class).enforce();
        if (enforce == null) {
            throw ApiException.badRequest("enforce (boolean) is required");
        }
        connections.enforce(developerId(), enforce);
        return new EnforceView(enforce, developerId());
    }

    private String developerId() {
        return requestContext.caller().developerId();
    }
}
