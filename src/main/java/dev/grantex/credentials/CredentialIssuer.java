package dev.grantex.credentials;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectBuilder;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.grants.Grant;
import dev.grantex.keys.PublicKeys;
import dev.grantex.keys.ServerDid;
import dev.grantex.keys.SignedJwts;
import dev.grantex.platform.Ids;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Issues the verifiable credential a token exchange or delegation asks for, inside its transaction:
 * the credential, its status-list bit and its event exist exactly when the grant does.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CredentialIssuer {
    static final String SD_JWT_TYP = "vc+sd-jwt";
    static final String SD_ALG = "sha-256";
    private static final List<String> CONTEXT = List.of("https://www.w3.org/ns/credentials/v2",
            "https://grantex.dev/ns/credentials/v1");

    /** What was issued beside the grant token: a VC-JWT, an SD-JWT or an agent passport's id, or none. */
    public record Issued(String verifiableCredential, String sdJwtCredential, String agentPassportId) {
        public static final Issued NOTHING = new Issued(null, null, null);

        public static Issued agentPassport(String passportId) {
            return new Issued(null, null, passportId);
        }
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    StatusLists statusLists;

    @Inject
    SignedJwts signedJwts;

    @Inject
    ServerDid serverDid;

    @Inject
    EventLog events;

    @Inject
    Clock clock;

    /**
     * @param holderKey the public JWK an SD-JWT is bound to (its cnf), or null; only SD-JWTs carry it
     */
    public Issued issue(Grant grant, String agentDid, CredentialFormat format, JsonObject holderKey) {
        if (holderKey != null && format != CredentialFormat.SD_JWT) {
            throw ApiException.badRequest("holderKey binds an SD-JWT: it needs credentialFormat \"sd-jwt\"");
        }
        return switch (format) {
            // An agent passport is the passports feature's; the exchange asks it for one beside this.
            case JWT, AGENT_PASSPORT -> Issued.NOTHING;
            case VC_JWT, BOTH -> new Issued(vcJwt(grant, agentDid), null, null);
            case SD_JWT -> new Issued(null, sdJwt(grant, agentDid, holderKey == null ? null : PublicKeys.parse(holderKey, "holderKey")), null);
        };
    }

    private String vcJwt(Grant grant, String agentDid) {
        String id = Ids.newId("vc");
        Instant now = clock.instant();
        StatusEntry status = statusLists.allocate(grant.developerId());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", agentDid);
        subject.put("type", "AIAgent");
        subject.put("principalId", grant.principalId());
        subject.put("developerId", grant.developerId());
        subject.put("grantId", grant.id());
        subject.put("scopes", grant.scopes());
        subject.put("delegationDepth", grant.delegationDepth());
        if (grant.parentGrantId() != null) {
            subject.put("parentGrantId", grant.parentGrantId());
        }
        String type = credentialType(grant);
        JwtClaims claims = claims(id, grant, agentDid, now);
        claims.setClaim("vc", vc(type, subject, status));
        String jwt = signedJwts.sign(claims);
        em.persist(new VerifiableCredential(id, grant, agentDid, type, CredentialFormat.VC_JWT, jwt, status, now));
        events.record(grant.developerId(), EventType.VC_ISSUED, Jsonp.objectBuilder().add("vcId", id)
                .add("grantId", grant.id()).add("agentDid", agentDid).add("credentialType", type).build());
        return jwt;
    }

    /**
     * The SD-JWT of §7.5: the subject's id, type and grantId in clear, principalId, developerId, scopes
     * and delegationDepth as salted digests whose disclosures follow the issuer JWT.
     */
    private String sdJwt(Grant grant, String agentDid, PublicJsonWebKey holderKey) {
        String id = Ids.newId("vc");
        Instant now = clock.instant();
        StatusEntry status = statusLists.allocate(grant.developerId());
        SDObjectBuilder subject = new SDObjectBuilder(SD_ALG);
        subject.putClaim("id", agentDid);
        subject.putClaim("type", "AIAgent");
        subject.putClaim("grantId", grant.id());
        List<Disclosure> disclosures = new ArrayList<>();
        disclosures.add(subject.putSDClaim("principalId", grant.principalId()));
        disclosures.add(subject.putSDClaim("developerId", grant.developerId()));
        disclosures.add(subject.putSDClaim("scopes", grant.scopes()));
        disclosures.add(subject.putSDClaim("delegationDepth", grant.delegationDepth()));
        String type = credentialType(grant);
        JwtClaims claims = claims(id, grant, agentDid, now);
        claims.setClaim("vc", vc(type, subject.build(), status));
        claims.setClaim("_sd_alg", SD_ALG);
        if (holderKey != null) {
            claims.setClaim("cnf", Map.of("jwk", PublicKeys.publicParameters(holderKey)));
        }
        String sdJwt = new SDJWT(signedJwts.sign(claims, SD_JWT_TYP), disclosures).toString();
        em.persist(new VerifiableCredential(id, grant, agentDid, type, CredentialFormat.SD_JWT, sdJwt, status, now));
        events.record(grant.developerId(), EventType.SD_JWT_ISSUED, Jsonp.objectBuilder().add("vcId", id)
                .add("grantId", grant.id()).add("agentDid", agentDid).add("keyBound", holderKey != null).build());
        return sdJwt;
    }

    private JwtClaims claims(String id, Grant grant, String agentDid, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(serverDid.did());
        claims.setSubject(agentDid);
        claims.setJwtId(id);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(grant.expiresAt().getEpochSecond()));
        return claims;
    }

    private Map<String, Object> vc(String type, Map<String, Object> subject, StatusEntry status) {
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", CONTEXT);
        vc.put("type", List.of("VerifiableCredential", type));
        vc.put("credentialSubject", subject);
        vc.put("credentialStatus", statusLists.credentialStatus(status));
        return vc;
    }

    /** AgentGrantCredential for a grant a person gave, DelegatedGrantCredential for a delegated one. */
    private static String credentialType(Grant grant) {
        return grant.parentGrantId() == null ? "AgentGrantCredential" : "DelegatedGrantCredential";
    }
}
