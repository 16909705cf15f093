package dev.grantex.developers;

import dev.grantex.platform.Timestamps;
import dev.grantex.platform.auth.AdminEndpoint;
import dev.grantex.platform.web.Html;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's page: the developer accounts of this server. Operators reach it by signing in at
 * the organisation's identity provider (Liberty's OpenID Connect client, liberty/operator-sso.xml); web.xml
 * requires the operator role, and the admin credential check confirms it.
 */
@Path("/operator")
@ApplicationScoped
@AdminEndpoint
@Tag(name = "Administration")
@SecurityRequirement(name = "adminKey")
public class OperatorPageResource {
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Inject
    DeveloperService developers;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @Operation(summary = "The operator page (HTML): every developer account; sign in at the operator's identity provider")
    public Response page(@Context SecurityContext caller) {
        String operator = caller.getUserPrincipal() == null ? "the admin key" : caller.getUserPrincipal().getName();
        return Response.ok(render(operator, developers.list())).header("Content-Security-Policy", POLICY).build();
    }

    private static String render(String operator, List<Developer> accounts) {
        StringBuilder rows = new StringBuilder();
        for (Developer developer : accounts) {
            rows.append("<tr><td>").append(Html.escape(developer.name())).append("</td><td>")
                    .append(Html.escape(developer.email())).append("</td><td><code>").append(Html.escape(developer.id()))
                    .append("</code></td><td>").append(Html.escape(developer.plan())).append("</td><td>")
                    .append(Html.escape(developer.mode())).append("</td><td>")
                    .append(Html.escape(Timestamps.format(developer.createdAt()))).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Grantex operator</title>
                <style>
                  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f4f5f7;
                         color: #1d1e2c; margin: 0; padding: 2rem 1rem; line-height: 1.5; }
                  main { max-width: 64rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 1.5rem 2rem;
                         box-shadow: 0 1px 4px rgba(0,0,0,.12); }
                  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
                  .who { color: #444; font-size: .9rem; }
                  table { width: 100%%; border-collapse: collapse; font-size: .92rem; margin-top: 1rem; }
                  th, td { text-align: left; padding: .4rem .5rem; border-top: 1px solid #e3e4e8; vertical-align: top; }
                  th { border-top: none; color: #444; font-weight: 600; }
                </style>
                </head>
                <body>
                <main>
                  <h1>Developer accounts</h1>
                  <p class="who" id="operator">Signed in as %s</p>
                  <table id="developers">
                    <thead><tr><th>Name</th><th>Email</th><th>Id</th><th>Plan</th><th>Mode</th><th>Created</th></tr></thead>
                    <tbody>
                %s    </tbody>
                  </table>
                  <p class="who">%d accounts. Create accounts and rotate signing keys through the operator API (/v1/admin).</p>
                </main>
                </body>
                </html>
                """.formatted(Html.escape(operator), rows, accounts.size());
    }
}
