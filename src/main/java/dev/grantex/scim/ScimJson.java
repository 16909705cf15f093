package dev.grantex.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;

/**
 * Reading and writing SCIM JSON with the UnboundID SDK's Jackson mapper, which its filters and
 * patches work on. Bodies that are not a JSON object are SCIM's invalidSyntax.
 */
final class ScimJson {
    static final String MEDIA_TYPE = "application/scim+json";
    private static final ObjectMapper MAPPER = JsonUtils.createObjectMapper();

    private ScimJson() {
    }

    static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ScimErrors.invalidSyntax("A JSON object is required");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimErrors.invalidSyntax("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ScimErrors.invalidSyntax("A JSON object is required");
        }
        return object;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A SCIM resource could not be written as JSON", e);
        }
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
