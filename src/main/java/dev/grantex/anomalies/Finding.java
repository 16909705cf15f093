package dev.grantex.anomalies;

import jakarta.json.JsonObject;

/** What one rule found in one detection: about an agent (or the developer) and maybe a principal. */
record Finding(String type, String severity, String ruleId, String ruleName, String agentId, String principalId,
               String description, JsonObject metadata) {
    String key() {
        return ruleId + "|" + (agentId == null ? "" : agentId) + "|" + (principalId == null ? "" : principalId);
    }

    boolean revokesAgent() {
        return agentId != null && (Severity.HIGH.equals(severity) || Severity.CRITICAL.equals(severity));
    }
}
