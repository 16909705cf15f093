package dev.grantex.scim;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request bodies of /scim/v2 as the OpenAPI document describes them: the attributes this server
 * interprets. Any other attribute of the schemas a resource names (name, title, the enterprise
 * extension, …) is kept as sent and answered back.
 */
public final class ScimDocuments {
    private ScimDocuments() {
    }

    /** A User (RFC 7643 §4.1). */
    public record UserDocument(
            @Schema(description = "Default [urn:ietf:params:scim:schemas:core:2.0:User]") List<String> schemas,
            @Schema(required = true, maxLength = 256, description = "Unique per developer, ignoring case") String userName,
            @Schema(maxLength = 256) String externalId,
            @Schema(maxLength = 256) String displayName,
            @Schema(description = "Default true; false (also the string \"False\") deprovisions: the user's grants are revoked")
            Boolean active,
            @Schema(description = "[{value, type?, primary?}]") List<Map<String, Object>> emails) {
    }

    /** A Group (RFC 7643 §4.2). */
    public record GroupDocument(
            @Schema(description = "Default [urn:ietf:params:scim:schemas:core:2.0:Group]") List<String> schemas,
            @Schema(required = true, maxLength = 256) String displayName,
            @Schema(maxLength = 256) String externalId,
            @Schema(description = "[{value}]: ids of the developer's users") List<Map<String, Object>> members) {
    }

    /** A PatchOp (RFC 7644 §3.5.2). */
    public record PatchDocument(
            @Schema(description = "[urn:ietf:params:scim:api:messages:2.0:PatchOp]") List<String> schemas,
            @Schema(required = true, description = "[{op: add|remove|replace (any case), path?, value?}]")
            List<Map<String, Object>> Operations) {
    }
}
