package dev.grantex.anomalies;

import dev.grantex.platform.Text;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A custom rule's condition: more than {@code threshold} audit entries of one agent within the last
 * {@code windowMinutes}, counting only those of {@code action} (exact, or a prefix ending in *) and
 * {@code status} where given.
 */
record RuleCondition(String action, String status, int threshold, int windowMinutes) {
    private static final Set<String> KEYS = Set.of("action", "status", "threshold", "windowMinutes");
    private static final List<String> STATUSES = List.of("success", "failure", "blocked");

    static RuleCondition of(JsonValue value) {
        if (!(value instanceof JsonObject condition)) {
            throw ApiException.badRequest("condition is required: {threshold, windowMinutes, action?, status?}");
        }
        for (String key : condition.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiException.badRequest("condition." + key + " is not known; a condition has threshold, "
                        + "windowMinutes, action and status");
            }
        }
        String action = text(condition, "action", 256);
        if (action != null && (action.isEmpty() || action.indexOf('*') >= 0 && action.indexOf('*') != action.length() - 1)) {
            throw ApiException.badRequest("condition.action must be an action, or a prefix ending in *");
        }
        String status = text(condition, "status", 16);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("condition.status must be success, failure or blocked");
        }
        return new RuleCondition(action, status, whole(condition, "threshold", 1, 1_000_000),
                whole(condition, "windowMinutes", 1, 1440));
    }

    JsonObject toJson() {
        var json = Jsonp.objectBuilder();
        if (action != null) {
            json.add("action", action);
        }
        if (status != null) {
            json.add("status", status);
        }
        return json.add("threshold", threshold).add("windowMinutes", windowMinutes).build();
    }

    private static String text(JsonObject condition, String key, int max) {
        JsonValue value = condition.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        // The top level of a body is checked for what a database cannot store; a nested object is not.
        if (!(value instanceof JsonString string) || string.getString().length() > max || !Text.storable(string.getString())
                || Text.hasControlCharacter(string.getString(), true)) {
            throw ApiException.badRequest("condition." + key + " must be text of at most " + max
                    + " characters, without control characters");
        }
        return string.getString();
    }

    private static int whole(JsonObject condition, String key, int min, int max) {
        JsonValue value = condition.get(key);
        // Compared as the number written: longValue() keeps only the low 64 bits of a larger one.
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(min)) >= 0
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) <= 0) {
            return number.intValue();
        }
        throw ApiException.badRequest("condition." + key + " must be a whole number from " + min + " to " + max);
    }
}
