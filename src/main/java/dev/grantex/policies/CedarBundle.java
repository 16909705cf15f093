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
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * <p>Cedar evaluates every policy it is given, so the bundle is split by principal: the policies
 * that name one agent ({@code principal == Grantex::Agent::"…"}) are kept per agent, the others
 * together, and a request is evaluated against its agent's and the others, the larger sets cached in
 * the native library once. The two answers combine as one evaluation of both sets would: a satisfied
 * forbid in either denies; otherwise a satisfied permit in either allows.
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
    /**
     * An agent's own set is cached natively from this many policies on: sending a few policies costs
     * little, and the library's cache of sets is bounded (it frees one only once Java has collected it).
     */
    private static final int CACHE_FROM = 8;

    private final String bundleId;
    private final String version;
    private final Map<String, PolicySet> byAgent;
    /** The policies that name no single agent; null when every policy names one. */
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

    /** The bundle's policies by the agent they name, those naming none, and the labels of those with an @id. */
    private record Slices(Map<String, Set<Policy>> named, Set<Policy> unnamed, Map<String, String> labels) {
    }

    /**
     * Parses Cedar policy text, or refuses it (400) with the parser's message. Runs on the
     * {@link CedarThreads}, whose stacks the native parser needs.
     */
    static PolicySet parse(String text) {
        CedarTextBounds.check(text);
        try {
            return PolicySet.parsePolicies(text);
        } catch (AuthException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replaceFirst("^Internal error: (Internal JNI Error: )?", "");
            throw ApiException.badRequest("The Cedar policies do not parse: " + message);
        }
    }

    /** Refuses (400) a text that {@link #compile} could not make a bundle of. Runs on the {@link CedarThreads}. */
    static void check(String text) {
        slices(text);
    }

    /** Runs on the {@link CedarThreads}, whose stacks the native library needs. */
    static CedarBundle compile(String bundleId, String version, String text) {
        Slices slices = slices(text);
        Map<String, PolicySet> byAgent = new HashMap<>();
        slices.named().forEach((agentId, policies) -> byAgent.put(agentId, policies.size() < CACHE_FROM
                ? new PolicySet(policies) : cached(new PolicySet(policies))));
        return new CedarBundle(bundleId, version, Map.copyOf(byAgent),
                slices.unnamed().isEmpty() ? null : cached(new PolicySet(slices.unnamed())), Map.copyOf(slices.labels()));
    }

    private static Slices slices(String text) {
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
        return new Slices(named, unnamed, labels);
    }

    String bundleId() {
        return bundleId;
    }

    Optional<Verdict> decide(Question question, Instant now) {
        List<AuthorizationSuccessResponse> answers = new ArrayList<>(2);
        AuthorizationRequest request = new AuthorizationRequest(AGENT.of(question.agentId()),
                ACTION.of(question.action().wireName()), PENDING_GRANT, contextOf(question, now));
        PolicySet own = byAgent.get(question.agentId());
        if (own != null) {
            answers.add(evaluate(request, own));
        }
        if (forEveryAgent != null) {
            answers.add(evaluate(request, forEveryAgent));
        }
        Optional<Verdict> deny = verdict(answers, Decision.DENY);
        return deny.isPresent() ? deny : verdict(answers, Decision.ALLOW);
    }

    /** The decision when some answer made it: Deny with a satisfied forbid, or Allow. */
    private Optional<Verdict> verdict(List<AuthorizationSuccessResponse> answers, Decision decision) {
        List<AuthorizationSuccessResponse> deciding = answers.stream().filter(answer -> decision == Decision.ALLOW
                ? answer.isAllowed() : !answer.isAllowed() && !answer.getReason().isEmpty()).toList();
        if (deciding.isEmpty()) {
            return Optional.empty();
        }
        String determining = deciding.stream().flatMap(answer -> answer.getReason().stream())
                .map(id -> labels.getOrDefault(id, id)).sorted().collect(Collectors.joining(", "));
        return Optional.of(new Verdict(decision, ENGINE, bundleId + "@" + version, determining));
    }

    private static AuthorizationSuccessResponse evaluate(AuthorizationRequest request, PolicySet policies) {
        AuthorizationResponse response;
        try {
            response = CEDAR.isAuthorized(request, policies, Set.of());
        } catch (AuthException | RuntimeException e) {
            throw new PolicyBackendFailure(ENGINE, "Cedar could not evaluate the request: " + e.getMessage());
        }
        if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            throw new PolicyBackendFailure(ENGINE, "Cedar could not evaluate the request: " + response);
        }
        return response.success.get();
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
        String json;
        try {
            json = policy.toJson();
        } catch (AuthException e) {
            throw new IllegalStateException("cedar-java could not describe a policy it parsed", e);
        }
        try {
            return Jsonp.strictObject(json);
        } catch (JsonException e) {
            throw ApiException.badRequest("The Cedar policies cannot be read: policy " + policy.getID()
                    + " nests its expression too deeply (" + e.getMessage() + ")");
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
