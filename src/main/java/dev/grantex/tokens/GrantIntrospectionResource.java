package dev.grantex.tokens;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.tokens.TokenViews.GrantVerifyView;
import dev.grantex.tokens.TokenViews.TokenRequest;
import dev.grantex.usage.UsageMeter;
import dev.grantex.usage.UsageMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** POST /v1/grants/verify: grant-token introspection (the SDK's grants.verify()). */
@Path("/v1/grants/verify")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Grants")
public class GrantIntrospectionResource {
    @Inject
    TokenVerifier verifier;

    @Inject
    RequestContext requestContext;

    @Inject
    UsageMeter usage;

    @POST
    @Operation(summary = "Introspect a grant token: its claims when live, otherwise why not")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = GrantVerifyView.class)))
    @APIResponse(responseCode = "400", description = "Not a valid grant token")
    public GrantVerifyView verify(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class))) String body) {
        String presented = JsonRequests.bind(body, TokenRequest.class).requireToken();
        VerifiedToken token = verifier.parse(presented).orElseThrow(() -> ApiException.badRequest("Invalid token"));
        usage.count(requestContext.caller().developerId(), UsageMetric.VERIFICATIONS);
        Optional<TokenVerifier.Inactive> inactive = verifier.inactiveReason(token, requestContext.caller().developerId());
        if (inactive.isPresent()) {
            return new GrantVerifyView(false, inactive.get().name().toLowerCase(Locale.ROOT), null);
        }
        Map<String, Object> claims = new LinkedHashMap<>(token.claims());
        claims.putIfAbsent("grnt", token.jti());
        return new GrantVerifyView(true, null, claims);
    }
}
