package dev.grantex.authorization;

import dev.grantex.agents.Agent;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.web.PageAssets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The consent page a principal is sent to (the consentUrl). It is rendered on the server and works
 * without JavaScript: the decision is a form post, answered with a redirect to the application's
 * redirectUri carrying code and state, or error=access_denied. Only the passkey step, when the
 * developer requires it, needs a script: WebAuthn is a browser API.
 */
@Path("/consent")
@ApplicationScoped
@PublicEndpoint
@Tag(name = "Consent")
public class ConsentPageResource {
    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";
    private static final String PASSKEY_SCRIPT = PageAssets.text("pages/passkey.js");
    /** The passkey step runs this server's script, which calls this server's WebAuthn routes. */
    private static final String PASSKEY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Inject
    AuthorizationService authorizations;

    @GET
    @Produces(HTML)
    @SecurityRequirements
    @Operation(summary = "The consent page for an authorization request (HTML)")
    public Response show(@QueryParam("req") String id) {
        if (id == null || id.isBlank()) {
            // Not 400: Liberty HTML-escapes the body of 400 responses, which would show the page as text.
            return problem(404, "This link is incomplete",
                    "The consent link has no request in it. Go back to the application and start again.");
        }
        AuthRequest request;
        try {
            request = authorizations.pending(id);
        } catch (ApiException e) {
            return problemFor(e);
        }
        Agent agent = authorizations.agentOf(request);
        List<String> descriptions = request.scopes().stream().map(ScopeDescriptions::forPeople).toList();
        if (authorizations.fidoRequired(request) && !request.fidoVerified()) {
            return Response.ok(ConsentPage.passkeyStep(request, agent, descriptions)).type(HTML)
                    .header("Content-Security-Policy", PASSKEY_POLICY).build();
        }
        return page(200, ConsentPage.request(request, agent, descriptions), formAction(request.redirectUri()));
    }

    @GET
    @Path("passkey.js")
    @Produces("text/javascript;charset=utf-8")
    @SecurityRequirements
    @Operation(hidden = true)
    public Response passkeyScript() {
        return Response.ok(PASSKEY_SCRIPT).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @SecurityRequirements
    @Operation(summary = "The consent page's decision (form post: req, decision=approve|deny)")
    public Response decide(@FormParam("req") String id, @FormParam("decision") String decision) {
        if (id == null || id.isBlank() || !("approve".equals(decision) || "deny".equals(decision))) {
            return problem(422, "This answer could not be read", "Go back to the consent page and choose Allow or Deny.");
        }
        AuthorizationService.Consent consent;
        try {
            consent = "approve".equals(decision) ? authorizations.approve(id) : authorizations.deny(id);
        } catch (ApiException e) {
            return problemFor(e);
        }
        if (consent.redirectUri() == null) {
            String html = consent.code() == null ? ConsentPage.deniedWithoutRedirect()
                    : ConsentPage.approvedWithoutRedirect(consent.code());
            return page(200, html, "'none'");
        }
        String query = consent.code() != null ? "code=" + encode(consent.code()) : "error=access_denied";
        if (consent.state() != null) {
            query += "&state=" + encode(consent.state());
        }
        return Response.seeOther(URI.create(withQuery(consent.redirectUri(), query))).build();
    }

    private static Response problemFor(ApiException e) {
        return switch (e.status()) {
            case 404 -> problem(404, "This request does not exist",
                    "The consent link is not valid. Go back to the application and start again.");
            case 410 -> problem(410, "This request is no longer open",
                    "It has expired or was already answered. Go back to the application and start again.");
            case 403 -> problem(403, "Confirm with your passkey first",
                    "This application asks you to confirm with your passkey first. Go back to the consent page and "
                            + "choose Confirm with passkey.");
            default -> problem(e.status(), "This request could not be handled", e.getMessage());
        };
    }

    private static Response problem(int status, String title, String explanation) {
        return page(status, ConsentPage.problem(title, explanation), "'none'");
    }

    private static Response page(int status, String html, String formAction) {
        return Response.status(status).type(HTML).entity(html)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action "
                        + formAction + "; frame-ancestors 'none'; base-uri 'none'")
                .build();
    }

    /** The form posts here, then the browser is redirected to the application: both must be allowed. */
    private static String formAction(String redirectUri) {
        if (redirectUri == null) {
            return "'self'";
        }
        URI uri = URI.create(redirectUri);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return "'self' " + origin;
    }

    private static String withQuery(String redirectUri, String query) {
        int fragment = redirectUri.indexOf('#');
        String base = fragment < 0 ? redirectUri : redirectUri.substring(0, fragment);
        String separator = base.contains("?") ? "&" : "?";
        return base + separator + query + (fragment < 0 ? "" : redirectUri.substring(fragment));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
