package dev.grantex.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What this server reads from a User resource, checked: userName (required), externalId,
 * displayName, active (default true, then written into the document) and the email addresses.
 * Reading also normalises what providers send loosely: {@code "active": "False"} and
 * {@code "primary": "true"} as strings.
 */
record UserAttributes(String userName, String externalId, String displayName, boolean active, List<Email> emails) {
    static final int MAX_TEXT = 256;
    static final int MAX_EMAIL = 320;

    record Email(String value, String type, boolean primary) {
    }

    static UserAttributes read(ObjectNode user) {
        String userName = text(user, "userName", true, MAX_TEXT);
        String externalId = text(user, "externalId", false, MAX_TEXT);
        String displayName = text(user, "displayName", false, MAX_TEXT);
        boolean active = bool(user, "active", true);
        user.put("active", active);
        List<Email> emails = new ArrayList<>();
        JsonNode given = user.get("emails");
        if (given != null && !given.isNull()) {
            if (!(given instanceof ArrayNode list)) {
                throw ScimErrors.invalidValue("emails must be a list");
            }
            for (JsonNode entry : list) {
                if (!(entry instanceof ObjectNode email)) {
                    throw ScimErrors.invalidValue("each of emails must be an object");
                }
                emails.add(new Email(text(email, "value", true, MAX_EMAIL), text(email, "type", false, 64),
                        bool(email, "primary", false)));
            }
        }
        return new UserAttributes(userName, externalId, displayName, active, List.copyOf(emails));
    }

    /** Text of at most max characters; required means present and not blank. */
    static String text(ObjectNode node, String field, boolean required, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ScimErrors.invalidValue(field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank()) || value.asText().length() > max) {
            throw ScimErrors.invalidValue(field + " must be a string of at most " + max + " characters"
                    + (required ? ", not blank" : ""));
        }
        return value.asText();
    }

    /** A boolean, also from "true"/"false" in any case (then stored as a boolean); absent is the default. */
    static boolean bool(ObjectNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                node.set(field, BooleanNode.valueOf(text.equals("true")));
                return text.equals("true");
            }
        }
        throw ScimErrors.invalidValue(field + " must be true or false");
    }
}
