package dev.grantex.agents;

/**
 * CDI event, fired inside the deleting transaction before the agent row is removed, so that the
 * features holding rows of the agent (grants, authorization requests) remove or detach them.
 */
public record AgentDeleting(String developerId, String agentId) {
}
