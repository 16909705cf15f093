package dev.grantex.tokens;

import dev.grantex.credentials.CredentialFormat;
import dev.grantex.platform.Fields;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.tokens.TokenViews.ExchangeRequest;
import dev.grantex.tokens.TokenViews.RefreshRequest;
import dev.grantex.tokens.TokenViews.RevokeRequest;
import dev.grantex.tokens.TokenViews.TokenRequest;
import dev.grantex.tokens.TokenViews.TokenView;
import dev.grantex.tokens.TokenViews.VerifyView;
import dev.grantex.usage.UsageMeter;
import dev.grantex.usage.UsageMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Token exchange and refresh (/v1/token), online verification and revocation (/v1/tokens). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Tokens")
public class TokensResource {
    @Inject
    TokenService tokens;

    @Inject
    TokenVerifier verifier;

    @Inject
    RequestContext requestContext;

    @Inject
    UsageMeter usage;

    @POST
    @Path("token")
    @Operation(summary = "Exchange an authorization code for a grant token and a refresh token")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "400", description = "Invalid, used or expired code; PKCE failure")
    @Counted(name = "grantex_token_exchange", absolute = true, description = "Calls of POST /v1/token")
    @Timed(name = "grantex_token_exchange_duration", absolute = true, description = "Time to answer token exchanges")
    public Response exchange(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExchangeRequest.class))) String body) {
        ExchangeRequest request = JsonRequests.bind(body, ExchangeRequest.class);
        Fields.requireText(request.code(), "code", 512);
        Fields.requireText(request.agentId(), "agentId", 256);
        CredentialFormat format = CredentialFormat.parse(request.credentialFormat(), CredentialFormat.AT_EXCHANGE);
        TokenIssuer.Issued issued = tokens.exchange(requestContext.caller(), request.code(), request.agentId(),
                request.codeVerifier(), format, request.holderKey());
        usage.count(requestContext.caller().developerId(), UsageMetric.TOKEN_EXCHANGES);
        return Response.status(201).entity(TokenView.of(issued)).build();
    }

    @POST
    @Path("token/refresh")
    @Operation(summary = "Rotate a refresh token: a new grant token and refresh token for the same grant")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "400", description = "Invalid, used or expired refresh token; agent mismatch; grant not active")
    public Response refresh(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefreshRequest.class))) String body) {
        RefreshRequest request = JsonRequests.bind(body, RefreshRequest.class);
        Fields.requireText(request.refreshToken(), "refreshToken", 512);
        Fields.requireText(request.agentId(), "agentId", 256);
        TokenIssuer.Issued refreshed = tokens.refresh(requestContext.caller(), request.refreshToken(), request.agentId());
        return Response.status(201).entity(TokenView.of(refreshed)).build();
    }

    @POST
    @Path("tokens/verify")
    @Operation(summary = "Check a grant token online, including revocation",
            description = "Always 200 for a present token: {valid:false} for anything not live for the caller.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = VerifyView.class)))
    @APIResponse(responseCode = "400", description = "token is required")
    public VerifyView verify(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class))) String body) {
        String token = JsonRequests.bind(body, TokenRequest.class).requireToken();
        usage.count(requestContext.caller().developerId(), UsageMetric.VERIFICATIONS);
        return verifier.verifyActive(token, requestContext.caller().developerId())
                .map(t -> new VerifyView(true, t.grantId(), t.scopes(), t.principal(), t.agentDid(),
                        Timestamps.format(t.expiresAt())))
                .orElseGet(VerifyView::invalid);
    }

    @POST
    @Path("tokens/revoke")
    @Operation(summary = "Revoke one token by its jti; its grant and other tokens stay valid")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "Unknown, another developer's, or already revoked")
    public Response revoke(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RevokeRequest.class))) String body) {
        RevokeRequest request = JsonRequests.bind(body, RevokeRequest.class);
        Fields.requireText(request.jti(), "jti", 512);
        tokens.revokeToken(requestContext.caller().developerId(), request.jti());
        return Response.noContent().build();
    }

}
