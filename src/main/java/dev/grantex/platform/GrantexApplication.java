package dev.grantex.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API, rooted at the server origin as the protocol requires. */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Grantex authorization server", version = "1.0",
                description = "Delegated authorization for AI agents: the Grantex protocol on Jakarta EE. "
                        + "Errors are {message, code, requestId}.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Developer API key (gx_live_… or gx_test_…)")
@SecurityScheme(securitySchemeName = "adminKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator's GRANTEX_ADMIN_API_KEY, or an access token of the operator's identity provider "
                + "(GRANTEX_OPERATOR_ISSUER) whose groups hold the operator group")
@SecurityScheme(securitySchemeName = "principalSession", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A principal-session token from POST /v1/principal-sessions")
@SecurityScheme(securitySchemeName = "scimToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A SCIM token from POST /v1/scim/tokens; errors under /scim/v2 use SCIM's error schema")
@SecurityScheme(securitySchemeName = "grantToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An agent's live grant token (the vault exchange)")
public class GrantexApplication extends Application {
}
