package dev.grantex.agents;

import dev.grantex.platform.Timestamps;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of agents. */
public final class AgentViews {
    private AgentViews() {
    }

    public record CreateAgentRequest(
            @Schema(required = true, maxLength = 200) String name,
            @Schema(maxLength = 4000, defaultValue = "") String description,
            @Schema(maxItems = 100) List<String> scopes) {
    }

    public record UpdateAgentRequest(@Schema(maxLength = 200) String name, @Schema(maxLength = 4000) String description,
                                     @Schema(maxItems = 100) List<String> scopes,
                                     @Schema(enumeration = {"active", "suspended"}) String status) {
    }

    public record AgentView(String agentId, String did, String developerId, String name, String description,
                            List<String> scopes, String status, String createdAt, String updatedAt) {
        static AgentView of(Agent a) {
            return new AgentView(a.id(), a.did(), a.developerId(), a.name(), a.description(), a.scopes(), a.status(),
                    Timestamps.format(a.createdAt()), Timestamps.format(a.updatedAt()));
        }
    }

    public record AgentList(List<AgentView> agents) {
    }
}
