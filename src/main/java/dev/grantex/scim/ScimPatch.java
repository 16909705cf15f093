package dev.grantex.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import dev.grantex.platform.errors.ApiException;
import java.util.Locale;

/**
 * Applies a PatchOp body (RFC 7644 §3.5.2) to a stored document with the UnboundID SDK, after
 * taking what providers really send: {@code "op": "Replace"} in any case (Entra ID). Path-less
 * operations with an object value, value filters in paths ({@code emails[type eq "work"].value},
 * {@code members[value eq "…"]}) and add/remove on multi-valued attributes are the SDK's.
 */
final class ScimPatch {
    private ScimPatch() {
    }

    static ObjectNode apply(ObjectNode document, ObjectNode body) {
        JsonNode operations = body.get("Operations");
        if (!(operations instanceof ArrayNode list) || list.isEmpty()) {
            throw ScimErrors.invalidSyntax("A PatchOp body needs Operations: a list of {op, path?, value?}");
        }
        ObjectNode normalised = body.deepCopy();
        for (JsonNode operation : (ArrayNode) normalised.get("Operations")) {
            if (!(operation instanceof ObjectNode op) || !op.path("op").isTextual()) {
                throw ScimErrors.invalidSyntax("Each operation needs op: add, remove or replace");
            }
            op.put("op", op.get("op").asText().toLowerCase(Locale.ROOT));
        }
        PatchRequest patch;
        try {
            patch = ScimJson.mapper().treeToValue(normalised, PatchRequest.class);
        } catch (JsonProcessingException e) {
            throw ScimErrors.invalidSyntax("The PatchOp body is not valid: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ScimErrors.invalidSyntax("The PatchOp body is not valid: " + e.getMessage());
        }
        GenericScimResource resource = new GenericScimResource(document.deepCopy());
        try {
            patch.apply(resource);
        } catch (ScimException e) {
            String scimType = e.getScimError().getScimType();
            throw new ApiException(400, scimType == null ? "invalidValue" : scimType,
                    e.getMessage());
        } catch (RuntimeException e) {
            throw ScimErrors.invalidValue("The patch cannot be applied: " + e.getMessage());
        }
        return resource.getObjectNode();
    }
}
