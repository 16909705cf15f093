package dev.grantex.sso;

import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.sso.SsoLogins.LoginStart;
import dev.grantex.sso.SsoViews.SignInView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public sign-in routes: /sso/login and the callbacks (contract §2.14). */
@Path("/sso")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@PublicEndpoint
@SecurityRequirements
@Tag(name = "SSO")
public class SsoLoginResource {
    @Inject
    SsoLogins logins;

    public record OidcCallbackRequest(@Schema(required = true) String code, @Schema(required = true) String state,
                                      @Schema(description = "When given, must be the redirect URI of the login") String redirect_uri) {
    }

    public record SamlCallbackRequest(@Schema(required = true, description = "The base64 SAML response the "
            + "identity provider posted to the assertion consumer service URL") String SAMLResponse,
                                      @Schema(required = true, description = "The RelayState posted with it") String RelayState) {
    }

    public record LdapCallbackRequest(@Schema(required = true) String username, @Schema(required = true) String password,
                                      @Schema(required = true) String connectionId,
                                      @Schema(required = true, description = "The developer id") String org) {
    }

    @GET
    @Path("login")
    @IpRateLimit(bucket = "sso-login", perMinute = 60)
    @Operation(summary = "Start a sign-in: the identity provider's URL to send the person to (JSON, not a redirect)",
            description = "Picks the developer's active connection whose domains hold `domain`, else the oldest "
                    + "active one, else the single configuration of /v1/sso/config.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LoginStart.class)))
    @APIResponse(responseCode = "400", description = "org is missing, or no redirect URI is known")
    @APIResponse(responseCode = "404", description = "SSO is not configured for this developer")
    @APIResponse(responseCode = "502", description = "The provider's discovery failed")
    public LoginStart login(@QueryParam("org") String org, @QueryParam("domain") String domain,
                            @QueryParam("redirect_uri") String redirectUri) {
        return logins.start(org, domain, redirectUri);
    }

    @GET
    @Path("callback")
    @IpRateLimit(bucket = "sso-callback", perMinute = 20)
    @Operation(summary = "Complete an OIDC sign-in with the code and state the provider sent back")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(schema = @Schema(implementation = SignInView.class)))
    @APIResponse(responseCode = "400", description = "SSO_ERROR: bad, expired or replayed state, or the code or ID token was refused")
    @APIResponse(responseCode = "502", description = "SSO_ERROR: the provider could not be reached")
    public SignInView callback(@QueryParam("code") String code, @QueryParam("state") String state) {
        return SignInView.of(logins.oidcCallback(code, state, null));
    }

    @POST
    @Path("callback/oidc")
    @IpRateLimit(bucket = "sso-callback", perMinute = 20)
    @Operation(summary = "Complete an OIDC sign-in")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(schema = @Schema(implementation = SignInView.class)))
    @APIResponse(responseCode = "400", description = "SSO_ERROR: bad, expired or replayed state, or the code or ID token was refused")
    @APIResponse(responseCode = "502", description = "SSO_ERROR: the provider could not be reached")
    public SignInView oidcCallback(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OidcCallbackRequest.class))) String body) {
        OidcCallbackRequest request = JsonRequests.bind(body, OidcCallbackRequest.class);
        return SignInView.of(logins.oidcCallback(request.code(), request.state(), request.redirect_uri()));
    }

    @POST
    @Path("callback/saml")
    @IpRateLimit(bucket = "sso-callback", perMinute = 20)
    @Operation(summary = "Complete a SAML sign-in",
            description = "The page at the connection's spAcsUrl receives the identity provider's POST and "
                    + "forwards its SAMLResponse and RelayState here.")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(schema = @Schema(implementation = SignInView.class)))
    @APIResponse(responseCode = "400", description = "SSO_ERROR: bad, expired or replayed RelayState, or the response was refused")
    public SignInView samlCallback(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SamlCallbackRequest.class))) String body) {
        SamlCallbackRequest request = JsonRequests.bind(body, SamlCallbackRequest.class);
        return SignInView.of(logins.samlCallback(request.SAMLResponse(), request.RelayState()));
    }

    @POST
    @Path("callback/ldap")
    @IpRateLimit(bucket = "sso-callback-ldap", perMinute = 10)
    @Operation(summary = "Sign in with an LDAP connection: the person's directory user name and password")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(schema = @Schema(implementation = SignInView.class)))
    @APIResponse(responseCode = "401", description = "SSO_AUTH_FAILED: unknown user or wrong password")
    @APIResponse(responseCode = "404", description = "No such connection for this developer")
    @APIResponse(responseCode = "502", description = "SSO_ERROR: the directory could not be reached or refused the service bind")
    public SignInView ldapCallback(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LdapCallbackRequest.class))) String body) {
        LdapCallbackRequest request = JsonRequests.bind(body, LdapCallbackRequest.class);
        return SignInView.of(logins.ldapCallback(request.username(), request.password(), request.connectionId(),
                request.org()));
    }
}
