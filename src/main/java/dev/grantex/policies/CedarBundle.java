package dev.grantex.policies;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.grantex.authorization.AuthorizationPolicy.Decision;
import dev.grantex.authorization.AuthorizationPolicy.Question;
import dev.grantex.authorization.AuthorizationPolicy.Verdict;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A developer's active Cedar bundle, ready to decide in-process with cedar-java. Each request is
 * {@code Grantex::Agent::"<agentId>"} doing {@code Grantex::Action::"authorize"} (or {@code "delegate"})
 * on {@code Grantex::Grant::"pending"}, with the context {@code principalId}, {@code scopes} (a set),
 * {@code developerId}, {@code time} (ISO-8601 UTC), {@code hourUtc}, {@code weekdayUtc} (0 Sunday to
 * 6 Saturday), {@code delegationDepth} and, at delegation, {@code parentGrantId}.
 *
 * <p>Cedar evaluates every policy it is given, so the bundle is sliced by principal: a request is
 * evaluated against the policies that name its agent ({@code principal == Grantex::Agent::"…"}) and
 * those that name no single agent. Each slice is cached in the native library once.
 *
 * <p>Allow approves at once; a deny that a forbid policy determined is 403; Cedar's default deny,
 * where no policy applies, leaves the request to the principal's consent.
 */
final class CedarBundle {
    static final String ENGINE = "cedar";
    private static final Logger LOG = Logger.getLogger(CedarBundle.class.getName());
    private static final String AGENT_TYPE = "Grantex::Agent";
    private static final EntityTypeName AGENT = EntityTypeName.parse(AGENT_TYPE).orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Grantex::Action").orElseThrow();
    private static final EntityUID PENDING_GRANT = new EntityUID(EntityTypeName.parse("Grantex::Grant").orElseThrow(), "pending");
    private static final AuthorizationEngine CEDAR = new BasicAuthorizationEngine();

    private final String bundleId;
    private final String version;
    private final Map<String, PolicySet> byAgent;
    private final PolicySet forEveryAgent;
    private final Map<String, String> labels;

    CedarBundle(String bundleId, String version, Map<String, PolicySet> byAgent, PolicySet forEveryAgent,
                        Map<String, String> labels) {
        this.bundleId = bundleId;
        this.version = version;
        this.byAgent = byAgent;
        this.forEveryAgent = forEveryAgent;
        this.labels = labels;
    }

    /** Parses Cedar policy text, or refuses it (400) with the parser's message. */
    static PolicySet parse(String text) {
        try {
            return PolicySet.parsePolicies(text);
        } catch (AuthException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replaceFirst("^Internal error: (Internal JNI Error: )?", "");
            throw ApiException.badRequest("The Cedar policies do not parse: " + message);
        }
    }

    static CedarBundle compile(String bundleId, String version, String text) {
        PolicySet parsed = parse(text);
        Map<String, Set<Policy>> named = new HashMap<>();
        Set<Policy> unnamed = new HashSet<>();
        Map<String, String> labels = new HashMap<>();
        for (Policy policy : parsed.policies) {
            JsonObject shape = shapeOf(policy);
            JsonObject annotations = shape.getJsonObject("annotations");
            if (annotations != null && annotations.containsKey("id")) {
                labels.put(policy.getID(), annotations.getString("id", policy.getID()));
            }
            JsonObject principal = shape.getJsonObject("principal");
            JsonObject entity = principal == null ? null : principal.getJsonObject("entity");
            if (entity != null && "==".equals(principal.getString("op", ""))) {
                // A policy for one principal of another type can never apply: every principal is an agent.
                if (AGENT_TYPE.equals(entity.getString("type", ""))) {
                    named.computeIfAbsent(entity.getString("id", ""), id -> new HashSet<>()).add(policy);
                }
            } else {
                unnamed.add(policy);
            }
        }
        Map<String, PolicySet> byAgent = new HashMap<>();
        named.forEach((agentId, policies) -> {
            Set<Policy> slice = new HashSet<>(policies);
            slice.addAll(unnamed);
            byAgent.put(agentId, cached(new PolicySet(slice)));
        });
        return new CedarBundle(bundleId, version, Map.copyOf(byAgent), cached(new PolicySet(unnamed)), Map.copyOf(labels));
    }

    String bundleId() {
        return bundleId;
    }

    Optional<Verdict> decide(Question question, Instant now) {
        AuthorizationResponse response;
        try {
            response = CEDAR.isAuthorized(new AuthorizationRequest(AGENT.of(question.agentId()),
                    ACTION.of(question.action().wireName()), PENDING_GRANT, contextOf(question, now)),
                    byAgent.getOrDefault(question.agentId(), forEveryAgent), Set.of());
        } catch (AuthException | RuntimeException e) {
            throw new PolicyBackendFailure(ENGINE, "Cedar could not evaluate the request: " + e.getMessage());
        }
        if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            throw new PolicyBackendFailure(ENGINE, "Cedar could not evaluate the request: " + response);
        }
        AuthorizationSuccessResponse success = response.success.get();
        Set<String> reasons = success.getReason();
        if (!success.isAllowed() && reasons.isEmpty()) {
            return Optional.empty();
        }
        String determining = reasons.stream().map(id -> labels.getOrDefault(id, id)).sorted()
                .collect(Collectors.joining(", "));
        return Optional.of(new Verdict(success.isAllowed() ? Decision.ALLOW : Decision.DENY, ENGINE,
                bundleId + "@" + version, determining));
    }

    private static Map<String, Value> contextOf(Question question, Instant now) {
        OffsetDateTime utc = now.atOffset(ZoneOffset.UTC);
        Map<String, Value> context = new HashMap<>();
        context.put("principalId", new PrimString(question.principalId()));
        context.put("scopes", new CedarList(question.scopes().stream().<Value>map(PrimString::new).toList()));
        context.put("developerId", new PrimString(question.developerId()));
        context.put("time", new PrimString(now.toString()));
        context.put("hourUtc", new PrimLong(utc.getHour()));
        context.put("weekdayUtc", new PrimLong(utc.getDayOfWeek().getValue() % 7));
        context.put("delegationDepth", new PrimLong(question.delegationDepth()));
        if (question.parentGrantId() != null) {
            context.put("parentGrantId", new PrimString(question.parentGrantId()));
        }
        return context;
    }

    private static JsonObject shapeOf(Policy policy) {
        try {
            return Jsonp.strictObject(policy.toJson());
        } catch (AuthException e) {
            throw new IllegalStateException("cedar-java could not describe a policy it parsed", e);
        }
    }

    /**
     * Hands the slice to the native library once, so that a decision sends only the request. Without
     * the cache (the library's is full) decisions still work, sending the slice each time.
     */
    private static PolicySet cached(PolicySet slice) {
        try {
            slice.cache();
        } catch (CacheException e) {
            LOG.log(Level.WARNING, "Cedar policy set not cached; decisions send it each time: " + e.getMessage());
        }
        return slice;
    }
}
