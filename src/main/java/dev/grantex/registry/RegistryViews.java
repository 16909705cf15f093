package dev.grantex.registry;

import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of the trust registry. */
public final class RegistryViews {
    private RegistryViews() {
    }

    public record RegisterOrgRequest(
            @Schema(required = true) String name,
            @Schema(required = true, description = "The organisation's domain: its DID is did:web:<domain>") String domain,
            @Schema(description = "What the organisation does, up to 2048 characters") String description,
            @Schema(description = "An http(s) URL") String website,
            @Schema(description = "The developer's agents to list publicly under the organisation") List<String> agentIds,
            @Schema(description = "A JWKS {keys: [...]} of public keys the organisation publishes") JsonObject publicKeys) {
    }

    public record RegisteredOrg(String id, String organizationDID, String domain, String verificationMethod,
                                String trustLevel, String verificationToken, String instructions) {
    }

    public record VerifyDnsRequest(@Schema(required = true) String domain) {
    }

    public record DnsVerified(String organizationDID, boolean verified, String verificationMethod, String trustLevel,
                              String verifiedAt, String domain) {
    }

    public record Stats(long totalAgents, long weeklyActiveGrants,
                        @Schema(description = "Always null: this server keeps no ratings") Double averageRating) {
    }

    public record ListedAgent(String agentDid, String name, String description, List<String> scopes) {
    }

    public record TrustRecordView(String id, String organizationDID, String verifiedAt, String verificationMethod,
                                  String trustLevel, List<String> domains, String name, String description,
                                  String website, List<String> badges, Stats stats, List<ListedAgent> agents) {
    }

    public record TrustRecordList(List<TrustRecordView> records) {
    }

    public record OrganizationList(List<TrustRecordView> organizations) {
    }
}
