package dev.grantex.audit;

import dev.grantex.platform.crypto.Hashes;

/** The audit chain's hash (contract §5.1, "era C"): SHA-256 of a fixed-order JSON object, bare lowercase hex. */
public final class AuditHash {
    private AuditHash() {
    }

    /** @param canonicalMetadata the metadata already in canonical form (as stored) */
    public static String of(String id, String agentId, String agentDid, String grantId, String principalId,
                            String developerId, String action, String canonicalMetadata, String timestamp,
                            String prevHash, String status) {
        String input = "{\"id\":" + CanonicalJson.string(id)
                + ",\"agentId\":" + CanonicalJson.string(agentId)
                + ",\"agentDid\":" + CanonicalJson.string(agentDid)
                + ",\"grantId\":" + CanonicalJson.string(grantId)
                + ",\"principalId\":" + CanonicalJson.string(principalId)
                + ",\"developerId\":" + CanonicalJson.string(developerId)
                + ",\"action\":" + CanonicalJson.string(action)
                + ",\"metadata\":" + canonicalMetadata
                + ",\"timestamp\":" + CanonicalJson.string(timestamp)
                + ",\"prevHash\":" + (prevHash == null ? "null" : CanonicalJson.string(prevHash))
                + ",\"status\":" + CanonicalJson.string(status) + "}";
        return Hashes.sha256Hex(input);
    }
}
