package dev.grantex.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import dev.grantex.platform.Text;

/**
 * Reading and writing SCIM JSON with the UnboundID SDK's Jackson mapper, which its filters and
 * patches work on. Bodies that are not a JSON object are SCIM's invalidSyntax; text a database
 * cannot keep (NUL, which PostgreSQL refuses) is invalidValue before anything is stored.
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
        requireStorable(object);
        return object;
    }

    /** Every name and string in the document is text every database keeps (no NUL, no lone surrogate). */
    private static void requireStorable(JsonNode node) {
        if (node.isTextual() && !Text.storable(node.asText())) {
            throw ScimErrors.invalidValue("Text must not contain NUL characters or unpaired surrogates");
        }
        node.fields().forEachRemaining(field -> {
            if (!Text.storable(field.getKey())) {
                throw ScimErrors.invalidValue("Attribute names must not contain NUL characters or unpaired surrogates");
            }
            requireStorable(field.getValue());
        });
        if (node.isArray()) {
            node.forEach(ScimJson::requireStorable);
        }
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
