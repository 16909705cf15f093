package dev.grantex.anomalies;

import dev.grantex.platform.Ids;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the enabled rules over one developer's recent activity. Every query reads a window (the last
 * hour or day) through an index on time: audit entries by (developer, time), grants by (developer,
 * issue time), budget debits by (developer, time), revocation events by (developer, time-ordered
 * id) and the first-grant check by (developer, principal); none reads a developer's whole history. Plain SQL that Derby and PostgreSQL both run.
 */
@ApplicationScoped
class AnomalyDetector {
    /** At most this many new-principal findings a run: each is one alert, and a busy day has thousands. */
    static final int MAX_NEW_PRINCIPALS = 500;
    static final int MAX_BUDGETS_LISTED = 100;
    /** Revocations read for the rapid-revocation rule at most: far more than the rule needs to fire. */
    static final int MAX_REVOCATIONS_READ = 10_000;
    private static final int MAX_REVOCATIONS_IN_WINDOW = 5;
    private static final Duration REVOCATION_WINDOW = Duration.ofSeconds(60);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    List<Finding> detect(String developerId, Instant now, Set<String> disabledBuiltIns, List<AnomalyRule> customRules) {
        List<Finding> findings = new ArrayList<>();
        if (!disabledBuiltIns.contains(BuiltInRule.VELOCITY_SPIKE.ruleId())) {
            for (Object[] row : rows("SELECT agent_id, COUNT(*) FROM audit_entries WHERE developer_id = ?1 "
                    + "AND entry_time >= ?2 GROUP BY agent_id HAVING COUNT(*) > 50", developerId, now.minus(HOUR))) {
                long entries = number(row[1]);
                findings.add(finding(BuiltInRule.VELOCITY_SPIKE, (String) row[0], null,
                        entries + " audit entries in the last hour (more than 50)",
                        Jsonp.objectBuilder().add("entries", entries).add("windowMinutes", 60).add("threshold", 50).build()));
            }
        }
        if (!disabledBuiltIns.contains(BuiltInRule.FAILURE_RATE.ruleId())) {
            for (Object[] row : rows("SELECT agent_id, COUNT(*), SUM(CASE WHEN status = 'success' THEN 0 ELSE 1 END) "
                    + "FROM audit_entries WHERE developer_id = ?1 AND entry_time >= ?2 GROUP BY agent_id "
                    + "HAVING COUNT(*) >= 5", developerId, now.minus(DAY))) {
                long entries = number(row[1]);
                long failed = number(row[2]);
                if (failed * 5 > entries) {
                    findings.add(finding(BuiltInRule.FAILURE_RATE, (String) row[0], null, failed + " of " + entries
                                    + " audit entries in the last 24 hours failed or were blocked",
                            Jsonp.objectBuilder().add("entries", entries).add("failedOrBlocked", failed)
                                    .add("failureRate", Math.round(failed * 1000.0 / entries) / 1000.0).build()));
                }
            }
        }
        if (!disabledBuiltIns.contains(BuiltInRule.OFF_HOURS.ruleId())) {
            for (Object[] row : rows("SELECT agent_id, COUNT(*) FROM audit_entries WHERE developer_id = ?1 "
                    + "AND entry_time >= ?2 AND MOD(entry_time / 3600000, 24) NOT BETWEEN 6 AND 21 "
                    + "GROUP BY agent_id HAVING COUNT(*) > 10", developerId, now.minus(DAY))) {
                long entries = number(row[1]);
                findings.add(finding(BuiltInRule.OFF_HOURS, (String) row[0], null,
                        entries + " audit entries between 22:00 and 06:00 UTC in the last 24 hours",
                        Jsonp.objectBuilder().add("entries", entries).build()));
            }
        }
        if (!disabledBuiltIns.contains(BuiltInRule.UNKNOWN_AGENT.ruleId())) {
            for (Object[] row : rows("SELECT e.agent_id, COUNT(*) FROM audit_entries e WHERE e.developer_id = ?1 "
                    + "AND e.entry_time >= ?2 AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = e.agent_id "
                    + "AND a.developer_id = e.developer_id) GROUP BY e.agent_id", developerId, now.minus(DAY))) {
                long entries = number(row[1]);
                findings.add(finding(BuiltInRule.UNKNOWN_AGENT, (String) row[0], null, entries
                                + " audit entries in the last 24 hours name an agent that is not registered (or was deleted)",
                        Jsonp.objectBuilder().add("entries", entries).build()));
            }
        }
        if (!disabledBuiltIns.contains(BuiltInRule.DELEGATION_SPIKE.ruleId())) {
            for (Object[] row : rows("SELECT agent_id, COUNT(*), MAX(delegation_depth) FROM grants WHERE developer_id = ?1 "
                    + "AND issued_at >= ?2 AND delegation_depth >= 2 GROUP BY agent_id HAVING COUNT(*) > 10",
                    developerId, now.minus(HOUR))) {
                long delegated = number(row[1]);
                findings.add(finding(BuiltInRule.DELEGATION_SPIKE, (String) row[0], null, delegated
                                + " grants of delegation depth 2 or more issued in the last hour",
                        Jsonp.objectBuilder().add("grants", delegated).add("maxDepth", number(row[2])).build()));
            }
        }
        if (!disabledBuiltIns.contains(BuiltInRule.NEW_PRINCIPAL.ruleId())) {
            Query firsts = query("SELECT g.agent_id, g.principal_id, MIN(g.issued_at) FROM grants g WHERE g.developer_id = ?1 "
                    + "AND g.issued_at >= ?2 AND NOT EXISTS (SELECT 1 FROM grants o WHERE o.developer_id = g.developer_id "
                    + "AND o.principal_id = g.principal_id AND o.agent_id = g.agent_id AND o.issued_at < ?2) "
                    + "GROUP BY g.agent_id, g.principal_id ORDER BY MIN(g.issued_at) DESC", developerId, now.minus(DAY));
            for (Object row : firsts.setMaxResults(MAX_NEW_PRINCIPALS).getResultList()) {
                Object[] columns = (Object[]) row;
                findings.add(finding(BuiltInRule.NEW_PRINCIPAL, (String) columns[0], (String) columns[1],
                        "The first grant of this agent for principal " + columns[1],
                        Jsonp.objectBuilder().add("firstGrantAt", Instant.ofEpochMilli(number(columns[2])).toString()).build()));
            }
        }
        if (!disabledBuiltIns.contains(BuiltInRule.BUDGET_CLIFF.ruleId())) {
            findings.addAll(budgetCliffs(developerId, now));
        }
        if (!disabledBuiltIns.contains(BuiltInRule.RAPID_REVOCATION.ruleId())) {
            rapidRevocation(developerId, now).ifPresent(findings::add);
        }
        for (AnomalyRule rule : customRules) {
            findings.addAll(custom(developerId, now, rule));
        }
        return findings;
    }

    /**
     * One finding per agent whose grants had 80% or more of their budget debited within the last hour,
     * listing the first {@link #MAX_BUDGETS_LISTED} of them (a finding's metadata is bounded) and counting all.
     */
    private List<Finding> budgetCliffs(String developerId, Instant now) {
        Map<String, JsonArrayBuilder> grantsByAgent = new LinkedHashMap<>();
        Map<String, Integer> countByAgent = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT g.agent_id, t.grant_id, SUM(t.amount), a.initial_budget, a.currency "
                + "FROM budget_transactions t JOIN budget_allocations a ON a.id = t.allocation_id "
                + "JOIN grants g ON g.id = t.grant_id WHERE t.developer_id = ?1 AND t.created_at >= ?2 "
                + "GROUP BY g.agent_id, t.grant_id, a.initial_budget, a.currency "
                + "HAVING SUM(t.amount) * 5 >= a.initial_budget * 4 ORDER BY g.agent_id, t.grant_id", developerId,
                now.minus(HOUR))) {
            String agentId = (String) row[0];
            if (countByAgent.merge(agentId, 1, Integer::sum) <= MAX_BUDGETS_LISTED) {
                grantsByAgent.computeIfAbsent(agentId, agent -> Jsonp.arrayBuilder()).add(Jsonp.objectBuilder()
                        .add("grantId", (String) row[1]).add("debited", decimal(row[2]))
                        .add("initialBudget", decimal(row[3])).add("currency", (String) row[4]));
            }
        }
        List<Finding> found = new ArrayList<>();
        grantsByAgent.forEach((agentId, grants) -> {
            int count = countByAgent.get(agentId);
            found.add(finding(BuiltInRule.BUDGET_CLIFF, agentId, null, count
                            + " of the agent's budgets had 80% or more debited in the last hour",
                    Jsonp.objectBuilder().add("budgets", grants).add("budgetCount", count).build()));
        });
        return found;
    }

    /**
     * The most grant.revoked events (one per revocation, however large its cascade) within any 60
     * seconds of the last hour. Event ids are ordered by time, so the window is a range of the
     * (developer, id) index.
     */
    private Optional<Finding> rapidRevocation(String developerId, Instant now) {
        List<?> read = query("SELECT created_at FROM events WHERE developer_id = ?1 AND id >= ?2 AND type = 'grant.revoked' "
                        + "ORDER BY id DESC",
                developerId, Ids.lowestAt("evt", now.minus(HOUR))).setMaxResults(MAX_REVOCATIONS_READ).getResultList();
        long[] times = read.stream().mapToLong(AnomalyDetector::number).sorted().toArray();
        int most = 0;
        long mostFrom = 0;
        for (int start = 0, end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= REVOCATION_WINDOW.toMillis()) {
                start++;
            }
            if (end - start + 1 > most) {
                most = end - start + 1;
                mostFrom = times[start];
            }
        }
        if (most <= MAX_REVOCATIONS_IN_WINDOW) {
            return Optional.empty();
        }
        return Optional.of(finding(BuiltInRule.RAPID_REVOCATION, null, null, most
                        + " grants revoked within 60 seconds in the last hour (more than " + MAX_REVOCATIONS_IN_WINDOW + ")",
                Jsonp.objectBuilder().add("revocations", most).add("windowSeconds", REVOCATION_WINDOW.toSeconds())
                        .add("from", Instant.ofEpochMilli(mostFrom).toString()).build()));
    }

    private List<Finding> custom(String developerId, Instant now, AnomalyRule rule) {
        RuleCondition condition = rule.condition();
        StringBuilder sql = new StringBuilder("SELECT agent_id, COUNT(*) FROM audit_entries WHERE developer_id = ?1 "
                + "AND entry_time >= ?2");
        List<Object> parameters = new ArrayList<>(List.of(developerId, now.minus(Duration.ofMinutes(condition.windowMinutes()))));
        if (condition.action() != null) {
            boolean prefix = condition.action().endsWith("*");
            parameters.add(prefix ? likePrefix(condition.action()) : condition.action());
            sql.append(prefix ? " AND action LIKE ?" + parameters.size() + " ESCAPE '\\'" : " AND action = ?" + parameters.size());
        }
        if (condition.status() != null) {
            parameters.add(condition.status());
            sql.append(" AND status = ?").append(parameters.size());
        }
        // The threshold is a validated int, so it is written into the statement (Derby types HAVING parameters poorly).
        sql.append(" GROUP BY agent_id HAVING COUNT(*) > ").append(condition.threshold());
        List<Finding> found = new ArrayList<>();
        for (Object[] row : rows(sql.toString(), parameters.toArray())) {
            long entries = number(row[1]);
            found.add(new Finding("custom", rule.severity(), rule.ruleId(), rule.name(), (String) row[0], null,
                    entries + " matching audit entries in the last " + condition.windowMinutes() + " minutes (more than "
                            + condition.threshold() + ")",
                    Jsonp.objectBuilder().add("entries", entries).add("condition", condition.toJson()).build()));
        }
        return found;
    }

    private static Finding finding(BuiltInRule rule, String agentId, String principalId, String description,
                                   JsonObject metadata) {
        return new Finding(rule.type(), rule.severity(), rule.ruleId(), rule.name(), agentId, principalId, description, metadata);
    }

    private static String likePrefix(String action) {
        String prefix = action.substring(0, action.length() - 1);
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        return query(sql, parameters).getResultList();
    }

    private Query query(String sql, Object... parameters) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            query.setParameter(i + 1, value instanceof Instant instant ? instant.toEpochMilli() : value);
        }
        return query;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
