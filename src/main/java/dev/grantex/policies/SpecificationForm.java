package dev.grantex.policies;

import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Reads a policy written in the specification's form ({@code auto_approve}/{@code auto_deny}, and
 * {@code conditions: {agentId, principalId, scopes, timeWindow: {startHour, endHour, days}}}) as the
 * contract's flat form, so that policies written from either document work. A body already in the
 * contract's form passes unchanged. {@code conditions} states all of a policy's conditions: what it
 * leaves out matches anything.
 */
final class SpecificationForm {
    private static final Map<String, String> EFFECTS = Map.of("auto_approve", Policy.ALLOW, "auto_deny", Policy.DENY);
    private static final List<String> FLAT_CONDITIONS = List.of("agentId", "principalId", "scopes", "timeOfDayStart",
            "timeOfDayEnd", "days");

    /** The specification's conditions object. */
    public record Conditions(String agentId, String principalId, List<String> scopes, JsonObject timeWindow) {
    }

    /** Whole UTC hours: the window is [startHour, endHour), endHour 24 meaning midnight. */
    public record TimeWindow(Integer startHour, Integer endHour, List<Integer> days) {
    }

    private SpecificationForm() {
    }

    static JsonObject asContractForm(JsonObject body) {
        JsonObjectBuilder flat = Jsonp.objectBuilder();
        body.forEach((key, value) -> {
            if (!key.equals("conditions")) {
                flat.add(key, value);
            }
        });
        if (body.get("effect") instanceof JsonString effect && EFFECTS.containsKey(effect.getString())) {
            flat.add("effect", EFFECTS.get(effect.getString()));
        }
        if (body.containsKey("conditions")) {
            if (FLAT_CONDITIONS.stream().anyMatch(body::containsKey)) {
                throw ApiException.badRequest("Give a policy's conditions either in 'conditions' or as top-level fields, not both");
            }
            addConditions(flat, body.get("conditions"));
        }
        return flat.build();
    }

    private static void addConditions(JsonObjectBuilder flat, JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("'conditions' must be a JSON object");
        }
        Conditions conditions = JsonRequests.bind(value.asJsonObject(), Conditions.class);
        put(flat, "agentId", conditions.agentId());
        put(flat, "principalId", conditions.principalId());
        if (conditions.scopes() == null) {
            flat.addNull("scopes");
        } else {
            flat.add("scopes", Jsonp.stringArray(conditions.scopes()));
        }
        String start = null;
        String end = null;
        List<Integer> days = null;
        if (conditions.timeWindow() != null) {
            TimeWindow window = JsonRequests.bind(conditions.timeWindow(), TimeWindow.class);
            int startHour = hour(window.startHour(), "startHour", 23);
            int endHour = hour(window.endHour(), "endHour", 24);
            if (!(startHour == 0 && endHour == 24)) {
                start = String.format("%02d:00", startHour);
                end = String.format("%02d:00", endHour % 24);
            }
            days = window.days();
        }
        put(flat, "timeOfDayStart", start);
        put(flat, "timeOfDayEnd", end);
        if (days == null) {
            flat.addNull("days");
        } else {
            var array = Jsonp.arrayBuilder();
            days.forEach(array::add);
            flat.add("days", array);
        }
    }

    private static void put(JsonObjectBuilder flat, String key, String value) {
        if (value == null) {
            flat.addNull(key);
        } else {
            flat.add(key, value);
        }
    }

    private static int hour(Integer hour, String field, int max) {
        if (hour == null || hour < 0 || hour > max) {
            throw ApiException.badRequest("timeWindow." + field + " is required: a whole UTC hour from 0 to " + max);
        }
        return hour;
    }
}
