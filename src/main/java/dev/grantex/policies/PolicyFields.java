package dev.grantex.policies;

import dev.grantex.agents.Scopes;
import dev.grantex.platform.Fields;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.policies.PolicyViews.PolicyRequest;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/** What a policy says, checked: the same checks for a new policy and for a change to one. */
public record PolicyFields(String name, String effect, int priority, String agentId, String principalId,
                           List<String> scopes, String timeOfDayStart, String timeOfDayEnd, List<Integer> days) {
    static final int MAX_NAME = 256;
    static final int MAX_ID = 256;
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /**
     * A new policy from a request body, in the contract's form or the specification's: name and
     * effect are required, priority defaults to 0.
     */
    static PolicyFields create(JsonObject body) {
        PolicyRequest request = JsonRequests.bind(SpecificationForm.asContractForm(body), PolicyRequest.class);
        if (!Fields.isText(request.name(), MAX_NAME) || request.effect() == null) {
            throw ApiException.badRequest("name and effect (allow|deny) are required");
        }
        return new PolicyFields(request.name(), effect(request.effect()),
                request.priority() == null ? 0 : request.priority(), id(request.agentId(), "agentId"),
                id(request.principalId(), "principalId"), scopes(request.scopes()), time(request.timeOfDayStart(),
                "timeOfDayStart"), time(request.timeOfDayEnd(), "timeOfDayEnd"), days(request.days())).checkWindow();
    }

    /**
     * This policy changed by a PATCH body: name, effect and priority stay when left out; the
     * conditions are replaced when their key is present, and an explicit null clears them.
     */
    PolicyFields changedBy(JsonObject patch) {
        JsonObject body = SpecificationForm.asContractForm(patch);
        PolicyRequest request = JsonRequests.bind(body, PolicyRequest.class);
        return new PolicyFields(
                request.name() == null ? name : Fields.requireText(request.name(), "name", MAX_NAME),
                request.effect() == null ? effect : effect(request.effect()),
                request.priority() == null ? priority : request.priority(),
                body.containsKey("agentId") ? id(request.agentId(), "agentId") : agentId,
                body.containsKey("principalId") ? id(request.principalId(), "principalId") : principalId,
                body.containsKey("scopes") ? scopes(request.scopes()) : scopes,
                body.containsKey("timeOfDayStart") ? time(request.timeOfDayStart(), "timeOfDayStart") : timeOfDayStart,
                body.containsKey("timeOfDayEnd") ? time(request.timeOfDayEnd(), "timeOfDayEnd") : timeOfDayEnd,
                body.containsKey("days") ? days(request.days()) : days)
                .checkWindow();
    }

    private PolicyFields checkWindow() {
        if ((timeOfDayStart == null) != (timeOfDayEnd == null)) {
            throw ApiException.badRequest("timeOfDayStart and timeOfDayEnd are set together, or neither");
        }
        if (timeOfDayStart != null && timeOfDayStart.equals(timeOfDayEnd)) {
            throw ApiException.badRequest("timeOfDayStart and timeOfDayEnd must differ: the window would be empty");
        }
        return this;
    }

    private static String effect(String effect) {
        if (!Policy.ALLOW.equals(effect) && !Policy.DENY.equals(effect)) {
            throw ApiException.badRequest("effect must be \"allow\" or \"deny\"");
        }
        return effect;
    }

    private static String id(String value, String field) {
        return value == null ? null : Fields.requireText(value, field, MAX_ID);
    }

    private static List<String> scopes(List<String> scopes) {
        if (scopes == null) {
            return null;
        }
        if (scopes.isEmpty()) {
            throw ApiException.badRequest("scopes must list at least one scope, or be null for any");
        }
        return Scopes.validate(scopes);
    }

    /** Weekdays, 0 (Sunday) to 6 (Saturday), sorted and without repeats; null for every day. */
    private static List<Integer> days(List<Integer> days) {
        if (days == null) {
            return null;
        }
        if (days.isEmpty() || days.stream().anyMatch(day -> day < 0 || day > 6)) {
            throw ApiException.badRequest("days must list weekdays from 0 (Sunday) to 6 (Saturday), or be null for every day");
        }
        return days.stream().distinct().sorted().toList();
    }

    private static String time(String value, String field) {
        if (value != null && !TIME_OF_DAY.matcher(value).matches()) {
            throw ApiException.badRequest(field + " must be a UTC time of day \"HH:MM\", from 00:00 to 23:59");
        }
        return value;
    }
}
