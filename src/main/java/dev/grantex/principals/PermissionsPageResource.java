package dev.grantex.principals;

import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.web.PageAssets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The permissions page an end user opens from a dashboardUrl. The session token is in the URL
 * fragment, which only the browser sees, so the page is a script that calls /v1/principal with it.
 * Its policy allows only this server's script and requests to this server.
 */
@Path("/permissions")
@ApplicationScoped
@PublicEndpoint
@Tag(name = "Principal sessions")
public class PermissionsPageResource {
    private static final String HTML = PageAssets.text("pages/permissions.html");
    private static final String SCRIPT = PageAssets.text("pages/permissions.js");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @SecurityRequirements
    @Operation(summary = "The permissions page (HTML); open it as /permissions#session=<sessionToken>")
    public Response page() {
        return Response.ok(HTML).header("Content-Security-Policy", POLICY).build();
    }

    @GET
    @Path("permissions.js")
    @Produces("text/javascript;charset=utf-8")
    @SecurityRequirements
    @Operation(hidden = true)
    public Response script() {
        return Response.ok(SCRIPT).build();
    }
}
