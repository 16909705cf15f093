package dev.grantex.vault;

import dev.grantex.agents.Agent;
import dev.grantex.audit.AuditRecord;
import dev.grantex.audit.AuditService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.tokens.VerifiedToken;
import dev.grantex.vault.VaultViews.ExchangedView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An agent's exchange of its grant for a stored credential, and its entry in the developer's audit
 * chain: vault.credential.exchanged with status success, blocked (the grant's scopes do not reach the
 * service) or failure (nothing stored). The entry is appended after the exchange's transaction.
 */
@ApplicationScoped
public class VaultExchange {
    static final String ACTION = "vault.credential.exchanged";

    @Inject
    VaultService vault;

    @Inject
    AuditService audit;

    public ExchangedView exchange(Caller caller, VerifiedToken grant, String service) {
        try {
            ExchangedView exchanged = vault.exchange(grant, service);
            record(caller, grant, exchanged.service(), "success", null);
            return exchanged;
        } catch (ApiException refused) {
            if (refused.status() == 403 || refused.status() == 404) {
                record(caller, grant, service, refused.status() == 403 ? "blocked" : "failure", refused.getMessage());
            }
            throw refused;
        }
    }

    private void record(Caller caller, VerifiedToken grant, String service, String status, String reason) {
        var metadata = Jsonp.objectBuilder().add("service", service);
        if (reason != null) {
            metadata.add("reason", reason);
        }
        audit.record(caller, new AuditRecord(Agent.idOf(grant.agentDid()), grant.agentDid(), grant.grantId(),
                grant.principal(), ACTION, metadata.build(), status));
    }
}
