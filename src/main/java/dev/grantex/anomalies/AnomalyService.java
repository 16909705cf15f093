package dev.grantex.anomalies;

import dev.grantex.anomalies.AnomalyViews.RuleRequest;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Detection, anomalies and their alert lifecycle, and the developer's rules. A detection keeps one
 * open anomaly per finding: found again, it is updated (the alert keeps its id); no longer found, an
 * unacknowledged one is removed, as the contract's detection replaces them.
 */
@ApplicationScoped
@Transactional
public class AnomalyService {
    /**
     * Grant ids per {@code anomaly.auto_revoked} event. A detection that revokes more emits one event
     * per this many, so that each stays far within what an event may hold (32,672 characters; a
     * grant id takes about 34 of them in the list).
     */
    static final int REVOKED_PER_EVENT = 500;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AnomalyDetector detector;

    @Inject
    GrantService grants;

    @Inject
    EventLog events;

    @Inject
    PlanLimits planLimits;

    @Inject
    AnomalyChannels channels;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private Counter detectedCount;

    /** Registered when the bean is made, so the hourly timer finds it even if it fires before the Startup event. */
    @PostConstruct
    void registerCounter() {
        detectedCount = metrics.counter(Metadata.builder().withName("grantex_anomalies_detected")
                .withDescription("Anomalies found that were not open already").build());
    }

    /** Observed so that the bean, and so its counter, is made as the application starts. */
    void startWithTheApplication(@Observes Startup startup) {
    }

    /** One detection's outcome: the anomalies found (new or still open) and the grants it revoked. */
    public record Detection(Instant detectedAt, List<Anomaly> anomalies, int autoRevokedGrants) {
    }

    /**
     * Runs the developer's enabled rules; with {@code autoRevoke} (POST /v1/anomalies/detect), every
     * active grant of an agent with a high or critical finding is revoked, with its delegations.
     */
    public Detection detect(String developerId, boolean autoRevoke) {
        // No lock on the developer: token exchanges take it, and detection must never hold them up.
        // Two detections at once may both open a finding; the next one removes the second.
        Instant now = clock.instant();
        List<AnomalyRule> customRules = em.createQuery(
                        "SELECT r FROM AnomalyRule r WHERE r.developerId = :dev AND r.enabled = TRUE", AnomalyRule.class)
                .setParameter("dev", developerId).getResultList();
        List<Finding> findings = detector.detect(developerId, now, disabledBuiltIns(developerId), customRules);
        Map<String, Anomaly> open = new HashMap<>();
        List<Anomaly> duplicates = new ArrayList<>();
        em.createQuery("SELECT a FROM Anomaly a WHERE a.developerId = :dev AND a.status = :open ORDER BY a.id", Anomaly.class)
                .setParameter("dev", developerId).setParameter("open", Anomaly.OPEN).getResultStream()
                .forEach(anomaly -> {
                    if (open.putIfAbsent(anomaly.findingKey(), anomaly) != null) {
                        duplicates.add(anomaly);
                    }
                });
        duplicates.forEach(em::remove);
        List<Anomaly> found = new ArrayList<>();
        List<Anomaly> opened = new ArrayList<>();
        for (Finding finding : findings) {
            Anomaly anomaly = open.remove(finding.key());
            if (anomaly == null) {
                anomaly = new Anomaly(Ids.newId("anm"), developerId, finding, now);
                em.persist(anomaly);
                opened.add(anomaly);
                detectedCount.inc();
            } else {
                anomaly.seenAgain(finding, now);
            }
            found.add(anomaly);
        }
        open.values().forEach(em::remove);
        channels.alert(developerId, opened, customRules);
        int revoked = autoRevoke ? revokeFlaggedAgents(developerId, findings) : 0;
        return new Detection(now, found, revoked);
    }

    private int revokeFlaggedAgents(String developerId, List<Finding> findings) {
        List<Finding> flagged = findings.stream().filter(Finding::revokesAgent).toList();
        Set<String> agents = flagged.stream().map(Finding::agentId).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> revoked = new ArrayList<>();
        for (String agentId : agents) {
            revoked.addAll(grants.revokeAllOfAgent(developerId, agentId));
        }
        for (int from = 0; from < revoked.size(); from += REVOKED_PER_EVENT) {
            List<String> part = revoked.subList(from, Math.min(revoked.size(), from + REVOKED_PER_EVENT));
            events.record(developerId, EventType.ANOMALY_AUTO_REVOKED, Jsonp.objectBuilder()
                    .add("revokedGrants", Jsonp.stringArray(part)).add("anomalyCount", flagged.size()).build());
        }
        return revoked.size();
    }

    /** Newest first; only the unacknowledged (open) ones when asked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Anomaly> list(String developerId, boolean unacknowledgedOnly) {
        return em.createQuery("SELECT a FROM Anomaly a WHERE a.developerId = :dev"
                        + (unacknowledgedOnly ? " AND a.status = 'open'" : "") + " ORDER BY a.detectedAt DESC, a.id DESC",
                Anomaly.class).setParameter("dev", developerId).getResultList();
    }

    /** Alerts newest first, filtered by status, severity and agent where given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Anomaly> alerts(String developerId, int limit, String status, String severity, String agentId) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM Anomaly a WHERE a.developerId = :dev");
        if (status != null) {
            Fields.requireOneOf(status, "status", List.of(Anomaly.OPEN, Anomaly.ACKNOWLEDGED, Anomaly.RESOLVED));
            jpql.append(" AND a.status = :status");
        }
        if (severity != null) {
            Fields.requireOneOf(severity, "severity", Severity.ALL);
            jpql.append(" AND a.severity = :severity");
        }
        if (agentId != null) {
            jpql.append(" AND a.agentId = :agent");
        }
        var query = em.createQuery(jpql.append(" ORDER BY a.detectedAt DESC, a.id DESC").toString(), Anomaly.class)
                .setParameter("dev", developerId).setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (severity != null) {
            query.setParameter("severity", severity);
        }
        if (agentId != null) {
            query.setParameter("agent", agentId);
        }
        return query.getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Anomaly get(String developerId, String id) {
        return find(developerId, id, LockModeType.NONE);
    }

    public Anomaly acknowledge(String developerId, String id, String note) {
        Anomaly anomaly = find(developerId, id, LockModeType.PESSIMISTIC_WRITE);
        anomaly.acknowledge(clock.instant(), checkedNote(note));
        return anomaly;
    }

    public Anomaly resolve(String developerId, String id, String note) {
        Anomaly anomaly = find(developerId, id, LockModeType.PESSIMISTIC_WRITE);
        anomaly.resolve(clock.instant(), checkedNote(note));
        return anomaly;
    }

    /** Counts of the anomalies detected within the window, by status and by severity. */
    public record Counts(long total, Map<String, Long> byStatus, Map<String, Long> bySeverity) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Counts counts(String developerId, Duration window, String agentId) {
        var query = em.createQuery("SELECT a.status, a.severity, COUNT(a) FROM Anomaly a WHERE a.developerId = :dev "
                        + "AND a.detectedAt >= :since" + (agentId == null ? "" : " AND a.agentId = :agent")
                        + " GROUP BY a.status, a.severity", Object[].class)
                .setParameter("dev", developerId).setParameter("since", clock.instant().minus(window));
        if (agentId != null) {
            query.setParameter("agent", agentId);
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        List.of(Anomaly.OPEN, Anomaly.ACKNOWLEDGED, Anomaly.RESOLVED).forEach(s -> byStatus.put(s, 0L));
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW).forEach(s -> bySeverity.put(s, 0L));
        long total = 0;
        for (Object[] row : query.getResultList()) {
            long count = ((Number) row[2]).longValue();
            byStatus.merge((String) row[0], count, Long::sum);
            bySeverity.merge((String) row[1], count, Long::sum);
            total += count;
        }
        return new Counts(total, byStatus, bySeverity);
    }

    /** The built-in rules' switches of the developer: rule id → enabled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Boolean> builtInSwitches(String developerId) {
        return em.createQuery("SELECT s FROM RuleSwitch s WHERE s.developerId = :dev", RuleSwitch.class)
                .setParameter("dev", developerId).getResultStream()
                .collect(Collectors.toMap(RuleSwitch::ruleId, RuleSwitch::enabled));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AnomalyRule> customRules(String developerId) {
        return em.createQuery("SELECT r FROM AnomalyRule r WHERE r.developerId = :dev ORDER BY r.createdAt, r.id",
                AnomalyRule.class).setParameter("dev", developerId).getResultList();
    }

    public AnomalyRule createRule(String developerId, RuleRequest body) {
        String ruleId = Fields.requireText(body.ruleId(), "ruleId", 64);
        String name = Fields.requireText(body.name(), "name", 256);
        String description = body.description() == null ? null : Fields.requireText(body.description(), "description", 1024);
        RuleCondition condition = RuleCondition.of(body.condition());
        String severity = body.severity() == null ? Severity.MEDIUM : Fields.requireOneOf(body.severity(), "severity", Severity.ALL);
        List<String> alertChannels = channels.checkRuleChannels(developerId, body.alertChannels());
        if (BuiltInRule.find(ruleId).isPresent()) {
            throw ApiException.conflict(ruleId + " is a built-in rule");
        }
        planLimits.lockDeveloper(developerId);
        if (findRule(developerId, ruleId) != null) {
            throw ApiException.conflict("A rule " + ruleId + " exists already");
        }
        AnomalyRule rule = new AnomalyRule(Ids.newId("arule"), developerId, ruleId, name, description, condition, severity,
                alertChannels, clock.instant());
        em.persist(rule);
        return rule;
    }

    /** Switches a built-in rule (by its rule id) or a custom one (by its id or rule id) on or off. */
    public void enableRule(String developerId, String id, boolean enabled) {
        if (BuiltInRule.find(id).isPresent()) {
            RuleSwitch existing = em.find(RuleSwitch.class, RuleSwitch.idOf(developerId, id), LockModeType.PESSIMISTIC_WRITE);
            if (existing == null) {
                planLimits.lockDeveloper(developerId);
                existing = em.find(RuleSwitch.class, RuleSwitch.idOf(developerId, id));
            }
            if (existing == null) {
                em.persist(new RuleSwitch(developerId, id, enabled));
            } else {
                existing.enable(enabled);
            }
            return;
        }
        customRule(developerId, id).enable(enabled);
    }

    public void deleteRule(String developerId, String id) {
        if (BuiltInRule.find(id).isPresent()) {
            throw ApiException.badRequest("Built-in rules cannot be deleted; switch them off with {\"enabled\": false}");
        }
        em.remove(customRule(developerId, id));
    }

    /** A custom rule by its id or rule id; 404 (also for another developer's). */
    public AnomalyRule customRule(String developerId, String id) {
        AnomalyRule rule = em.find(AnomalyRule.class, id);
        if (rule == null || !rule.developerId().equals(developerId)) {
            rule = findRule(developerId, id);
        }
        if (rule == null) {
            throw ApiException.notFound("Anomaly rule not found");
        }
        return rule;
    }

    private AnomalyRule findRule(String developerId, String ruleId) {
        return em.createQuery("SELECT r FROM AnomalyRule r WHERE r.developerId = :dev AND r.ruleId = :rule", AnomalyRule.class)
                .setParameter("dev", developerId).setParameter("rule", ruleId).getResultStream().findFirst().orElse(null);
    }

    private Set<String> disabledBuiltIns(String developerId) {
        Set<String> disabled = new HashSet<>();
        builtInSwitches(developerId).forEach((rule, enabled) -> {
            if (!enabled) {
                disabled.add(rule);
            }
        });
        return disabled;
    }

    private Anomaly find(String developerId, String id, LockModeType lock) {
        Anomaly anomaly = em.find(Anomaly.class, id, lock);
        if (anomaly == null || !anomaly.developerId().equals(developerId)) {
            throw ApiException.notFound("Anomaly not found");
        }
        return anomaly;
    }

    private static String checkedNote(String note) {
        return note == null ? null : Fields.requireText(note, "note", 1024);
    }
}
