package dev.grantex.tokens;

import dev.grantex.credentials.CredentialIssuer;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.grants.Grant;
import dev.grantex.keys.SignedJwts;
import dev.grantex.platform.Ids;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.crypto.Secrets;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Issues a grant token and a refresh token for a grant, inside the caller's transaction: the token
 * row, the refresh-token row and the signature succeed or fail together.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TokenIssuer {
    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    /** A grant with the tokens just issued for it; the refresh token exists in clear only here. */
    public record Issued(Grant grant, String grantToken, String refreshToken, CredentialIssuer.Issued credentials) {
        Issued withCredentials(CredentialIssuer.Issued issuedCredentials) {
            return new Issued(grant, grantToken, refreshToken, issuedCredentials);
        }
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    SignedJwts signedJwts;

    @Inject
    Clock clock;

    @Inject
    EventLog events;

    /**
     * @param parentAgentDid the DID of the parent grant's agent for delegated grants, else null
     * @param remainingBudget what is left of the grant's budget (the bdg claim), or null without one
     */
    public Issued issue(Grant grant, String agentDid, String parentAgentDid, BigDecimal remainingBudget) {
        Instant now = clock.instant();
        String jti = Ids.newId("tok");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signedJwts.issuer());
        claims.setSubject(grant.principalId());
        if (grant.audience() != null) {
            claims.setAudience(grant.audience());
        }
        claims.setClaim("agt", agentDid);
        claims.setClaim("dev", grant.developerId());
        claims.setStringListClaim("scp", grant.scopes());
        claims.setJwtId(jti);
        claims.setClaim("grnt", grant.id());
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromSeconds(grant.expiresAt().getEpochSecond()));
        if (grant.delegationDepth() > 0) {
            claims.setClaim("parentAgt", parentAgentDid);
            claims.setClaim("parentGrnt", grant.parentGrantId());
            claims.setClaim("delegationDepth", grant.delegationDepth());
        }
        if (remainingBudget != null) {
            // A JSON number in plain notation: 12.5, not 12.5000 or 1.25E+1.
            claims.setClaim("bdg", new BigDecimal(remainingBudget.stripTrailingZeros().toPlainString()));
        }
        String token = signedJwts.sign(claims);
        em.persist(new GrantToken(jti, grant.id(), grant.developerId(), grant.expiresAt(), now));

        String refreshToken = "ref_" + Secrets.random256();
        Instant refreshExpiry = now.plus(REFRESH_LIFETIME).isBefore(grant.expiresAt())
                ? now.plus(REFRESH_LIFETIME) : grant.expiresAt();
        em.persist(new RefreshToken(Hashes.sha256Hex(refreshToken), grant.id(), grant.developerId(), refreshExpiry, now));
        events.record(grant.developerId(), EventType.TOKEN_ISSUED, Jsonp.objectBuilder()
                .add("tokenId", jti).add("grantId", grant.id()).add("agentId", grant.agentId())
                .add("principalId", grant.principalId()).add("scopes", Jsonp.stringArray(grant.scopes()))
                .add("expiresAt", Timestamps.format(grant.expiresAt())).build());
        return new Issued(grant, token, refreshToken, CredentialIssuer.Issued.NOTHING);
    }
}
