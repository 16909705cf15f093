package dev.grantex.developers;

import dev.grantex.developers.DeveloperViews.AdminCreateRequest;
import dev.grantex.developers.DeveloperViews.CreatedView;
import dev.grantex.developers.DeveloperViews.DeveloperList;
import dev.grantex.developers.DeveloperViews.MeView;
import dev.grantex.platform.auth.AdminEndpoint;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator routes for developer accounts, for installations where signup is off. */
@Path("/v1/admin/developers")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@AdminEndpoint
@IpRateLimit(bucket = "admin", perMinute = 20)
@Tag(name = "Administration")
@SecurityRequirement(name = "adminKey")
public class AdminDevelopersResource {
    @Inject
    DeveloperService developers;

    @POST
    @Operation(summary = "Create a developer account with a chosen plan; returns its API key once")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedView.class)))
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AdminCreateRequest.class))) String body) {
        AdminCreateRequest request = JsonRequests.bind(body, AdminCreateRequest.class);
        var created = developers.create(request.name(), request.email(), request.mode(), request.plan());
        return Response.status(201).entity(CreatedView.of(created)).build();
    }

    @GET
    @Operation(summary = "All developer accounts, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DeveloperList.class)))
    public DeveloperList list() {
        return new DeveloperList(developers.list().stream().map(MeView::of).toList());
    }
}
