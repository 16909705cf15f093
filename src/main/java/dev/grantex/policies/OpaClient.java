package dev.grantex.policies;

import dev.grantex.authorization.AuthorizationPolicy.Action;
import dev.grantex.authorization.AuthorizationPolicy.Decision;
import dev.grantex.authorization.AuthorizationPolicy.Question;
import dev.grantex.authorization.AuthorizationPolicy.Verdict;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks an Open Policy Agent through its REST data API: {@code POST <url>/v1/data/grantex/authz} with
 * {@code {"input": {agent_id, principal_id, scopes, developer_id, action, time[, grant]}}}, where
 * {@code grant} ({@code parent_grant_id}, {@code delegation_depth}) comes with delegations. The answer
 * {@code {"result": {"allow": true|false, "reason"?}}} decides; without {@code result} or {@code allow}
 * (no rule applied) there is no decision. Anything else, a status other than 200 or no answer within
 * the timeout, is a failure.
 */
final class OpaClient {
    static final String ENGINE = "opa";
    static final String DECISION_PATH = "/v1/data/grantex/authz";

    private final URI decisionUri;
    private final Duration timeout;
    private final HttpClient http;

    OpaClient(String baseUrl, Duration timeout) {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw new IllegalArgumentException("The OPA URL must be an absolute http(s) URL: " + baseUrl);
        }
        this.decisionUri = URI.create(base + DECISION_PATH);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Optional<Verdict> decide(Question question, Instant now) {
        HttpRequest request = HttpRequest.newBuilder(decisionUri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(inputOf(question, now).toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PolicyBackendFailure(ENGINE, "OPA did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new PolicyBackendFailure(ENGINE, "OPA could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyBackendFailure(ENGINE, "Interrupted while asking OPA");
        }
        if (response.statusCode() != 200) {
            throw new PolicyBackendFailure(ENGINE, "OPA answered HTTP " + response.statusCode());
        }
        JsonObject answer;
        try {
            answer = Jsonp.strictObject(response.body());
        } catch (JsonException | IllegalStateException e) {
            throw new PolicyBackendFailure(ENGINE, "OPA's answer is not a JSON object");
        }
        JsonValue result = answer.get("result");
        if (!(result instanceof JsonObject decision)) {
            return Optional.empty();
        }
        JsonValue allow = decision.get("allow");
        if (allow == null || (allow.getValueType() != ValueType.TRUE && allow.getValueType() != ValueType.FALSE)) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(allow.getValueType() == ValueType.TRUE ? Decision.ALLOW : Decision.DENY, ENGINE,
                "opa:" + DECISION_PATH, Jsonp.text(decision.get("reason"))));
    }

    private static JsonObject inputOf(Question question, Instant now) {
        JsonObjectBuilder input = Jsonp.objectBuilder()
                .add("agent_id", question.agentId())
                .add("principal_id", question.principalId())
                .add("scopes", Jsonp.stringArray(question.scopes()))
                .add("developer_id", question.developerId())
                .add("action", question.action().wireName())
                .add("time", now.toString());
        if (question.action() == Action.DELEGATE) {
            input.add("grant", Jsonp.objectBuilder().add("parent_grant_id", question.parentGrantId())
                    .add("delegation_depth", question.delegationDepth()));
        }
        return Jsonp.objectBuilder().add("input", input).build();
    }
}
