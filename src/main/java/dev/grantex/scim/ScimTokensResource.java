package dev.grantex.scim;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.JsonRequests;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/scim/tokens: the developer's SCIM tokens, with which identity providers call /scim/v2. */
@Path("/v1/scim/tokens")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "SCIM")
public class ScimTokensResource {
    @Inject
    ScimTokenService tokens;

    @Inject
    RequestContext requestContext;

    /** POST /v1/scim/tokens. */
    public record TokenRequest(@Schema(required = true, maxLength = 256, description = "What the token is for, "
            + "such as the identity provider's name") String label) {
    }

    public record CreatedTokenView(String id, String label, String token, String createdAt) {
    }

    public record TokenView(String id, String label, String createdAt, String lastUsedAt) {
        static TokenView of(ScimToken token) {
            return new TokenView(token.id(), token.label(), Timestamps.format(token.createdAt()),
                    Timestamps.format(token.lastUsedAt()));
        }
    }

    public record TokenList(List<TokenView> tokens) {
    }

    @POST
    @Operation(summary = "Make a SCIM token; its secret is shown here only")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedTokenView.class)))
    @APIResponse(responseCode = "400", description = "label is missing or longer than 256 characters")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class))) String body) {
        ScimTokenService.Created created = tokens.create(requestContext.caller().developerId(),
                JsonRequests.bind(body, TokenRequest.class).label());
        return Response.status(201).entity(new CreatedTokenView(created.token().id(), created.token().label(),
                created.secret(), Timestamps.format(created.token().createdAt()))).build();
    }

    @GET
    @Operation(summary = "The developer's SCIM tokens, oldest first (without their secrets)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TokenList.class)))
    public TokenList list() {
        return new TokenList(tokens.list(requestContext.caller().developerId()).stream().map(TokenView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a SCIM token: the provider that holds it can no longer provision")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such token for this developer")
    public Response delete(@PathParam("id") String id) {
        tokens.delete(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }
}
