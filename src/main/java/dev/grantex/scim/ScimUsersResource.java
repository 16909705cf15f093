package dev.grantex.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.ScimEndpoint;
import dev.grantex.scim.ScimDocuments.PatchDocument;
import dev.grantex.scim.ScimDocuments.UserDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** /scim/v2/Users (RFC 7644), for identity providers holding one of the developer's SCIM tokens. */
@Path("/scim/v2/Users")
@ScimEndpoint
@SecurityRequirement(name = "scimToken")
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@ApplicationScoped
@Tag(name = "SCIM")
public class ScimUsersResource {
    @Inject
    ScimUserService users;

    @Inject
    RequestContext requestContext;

    private String developerId() {
        return requestContext.caller().developerId();
    }

    @GET
    @Operation(summary = "The users, oldest first, a page at a time; filter on userName, externalId, displayName, "
            + "active, emails (value, type, primary), id, meta.created and meta.lastModified with eq, ne, co, sw, ew, "
            + "pr, gt, ge, lt, le, and, or, not and value filters")
    @APIResponse(responseCode = "200", description = "A ListResponse")
    @APIResponse(responseCode = "400", description = "invalidFilter (also a filter over 4,096 characters or nesting "
            + "brackets over 32 deep), or startIndex/count not integers")
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        return ScimAnswers.ok(users.list(developerId(), filter, ScimPage.of(startIndex, count), attributes, excludedAttributes));
    }

    @POST
    @Operation(summary = "Provision a user")
    @APIResponse(responseCode = "201", description = "The user, with its Location and ETag")
    @APIResponse(responseCode = "400", description = "invalidValue or invalidSyntax")
    @APIResponse(responseCode = "409", description = "uniqueness: the userName is taken (ignoring case)")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserDocument.class))) String body) {
        ObjectNode user = users.create(developerId(), ScimJson.object(body));
        return ScimAnswers.created(user);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One user")
    @APIResponse(responseCode = "200", description = "The user, with its ETag")
    @APIResponse(responseCode = "404", description = "noTarget (also another developer's user)")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return ScimAnswers.ok(ScimResources.project(users.get(developerId(), id), attributes, excludedAttributes));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a user; active false deprovisions it (its grants are revoked)")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "404", description = "noTarget")
    @APIResponse(responseCode = "409", description = "uniqueness")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                    schema = @Schema(implementation = UserDocument.class))) String body) {
        return ScimAnswers.ok(users.replace(developerId(), id, ScimJson.object(body), ifMatch));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a user with a PatchOp; active false deprovisions it")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "400", description = "invalidSyntax, invalidPath, invalidValue or noTarget in a path")
    @APIResponse(responseCode = "404", description = "noTarget")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                  schema = @Schema(implementation = PatchDocument.class))) String body) {
        return ScimAnswers.ok(users.patch(developerId(), id, ScimJson.object(body), ifMatch));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Deprovision and remove a user: its grants are revoked, it leaves its groups")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "noTarget")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        users.delete(developerId(), id, ifMatch);
        return Response.noContent().build();
    }
}
