package dev.grantex.scim;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.ScimEndpoint;
import dev.grantex.scim.ScimDocuments.GroupDocument;
import dev.grantex.scim.ScimDocuments.PatchDocument;
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

/** /scim/v2/Groups (RFC 7644): groups of the developer's provisioned users. */
@Path("/scim/v2/Groups")
@ScimEndpoint
@SecurityRequirement(name = "scimToken")
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@ApplicationScoped
@Tag(name = "SCIM")
public class ScimGroupsResource {
    @Inject
    ScimGroupService groups;

    @Inject
    RequestContext requestContext;

    private String developerId() {
        return requestContext.caller().developerId();
    }

    @GET
    @Operation(summary = "The groups, oldest first, a page at a time; filter on displayName, externalId, id, "
            + "members (value), meta.created and meta.lastModified; excludedAttributes=members leaves members out")
    @APIResponse(responseCode = "200", description = "A ListResponse")
    @APIResponse(responseCode = "400", description = "invalidFilter (also a filter over 4,096 characters or nesting "
            + "brackets over 32 deep), or startIndex/count not integers")
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        return ScimAnswers.ok(groups.list(developerId(), filter, ScimPage.of(startIndex, count), attributes, excludedAttributes));
    }

    @POST
    @Operation(summary = "Create a group")
    @APIResponse(responseCode = "201", description = "The group, with its Location and ETag")
    @APIResponse(responseCode = "400", description = "invalidValue (also a member that is not the developer's user) "
            + "or invalidSyntax")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupDocument.class))) String body) {
        return ScimAnswers.created(groups.create(developerId(), ScimJson.object(body)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One group")
    @APIResponse(responseCode = "200", description = "The group, with its ETag")
    @APIResponse(responseCode = "404", description = "noTarget (also another developer's group)")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return ScimAnswers.ok(groups.get(developerId(), id, attributes, excludedAttributes));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a group, its members included")
    @APIResponse(responseCode = "200", description = "The group")
    @APIResponse(responseCode = "404", description = "noTarget")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                    schema = @Schema(implementation = GroupDocument.class))) String body) {
        return ScimAnswers.ok(groups.replace(developerId(), id, ScimJson.object(body), ifMatch));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a group with a PatchOp: members add and remove (also members[value eq \"…\"]), "
            + "displayName replace")
    @APIResponse(responseCode = "200", description = "The group")
    @APIResponse(responseCode = "400", description = "invalidSyntax, invalidPath, invalidValue or noTarget in a path")
    @APIResponse(responseCode = "404", description = "noTarget")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                  schema = @Schema(implementation = PatchDocument.class))) String body) {
        return ScimAnswers.ok(groups.patch(developerId(), id, ScimJson.object(body), ifMatch));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a group (its users stay)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "noTarget")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        groups.delete(developerId(), id, ifMatch);
        return Response.noContent().build();
    }
}
