package dev.grantex.tokens;

import dev.grantex.grants.Grant;
import dev.grantex.keys.Rs256JwtVerifier;
import dev.grantex.keys.SignedJwts;
import dev.grantex.platform.BoundedCache;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks grant tokens: first the token itself (RS256 signature by a published key, issuer, expiry,
 * required claims), then its live state in the database, which is the truth about revocation.
 */
@ApplicationScoped
public class TokenVerifier {
    /** Why a well-formed token is not usable. */
    public enum Inactive { WRONG_DEVELOPER, REVOKED, EXPIRED, NOT_FOUND }

    /**
     * Tokens whose signature and claims were checked, with the verifier (one per set of published keys)
     * that checked them. Clients present the same token many times; its signature and JSON need checking
     * once, while expiry and revocation are still looked at on every use. A change of published keys
     * makes every remembered check stale. Only genuine tokens get here, and at most this many.
     */
    private static final int MAX_CHECKED = 10_000;

    private record Checked(Rs256JwtVerifier checkedWith, VerifiedToken token) {
    }

    private final BoundedCache<String, Checked> checked = new BoundedCache<>(MAX_CHECKED);

    @Inject
    SignedJwts signedJwts;

    @Inject
    Clock clock;

    @Inject
    RevocationCache revocations;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    /**
     * The token's verified claims, or empty when it is not a well-formed token this server signed. An
     * expired token is returned too; {@link #inactiveReason} and {@link #verifyActive} refuse it.
     */
    public Optional<VerifiedToken> parse(String token) {
        Rs256JwtVerifier verifier = signedJwts.verifier();
        Checked memo = checked.get(token);
        if (memo != null && memo.checkedWith() == verifier) {
            return Optional.of(memo.token());
        }
        Optional<VerifiedToken> parsed = verifier.verify(token, clock.instant())
                .flatMap(TokenVerifier::grantToken);
        parsed.ifPresent(verified -> checked.put(token, new Checked(verifier, verified)));
        return parsed;
    }

    /** The grant-token claims of a verified JWT; empty when one is missing or of the wrong type. */
    private static Optional<VerifiedToken> grantToken(Rs256JwtVerifier.Verified jwt) {
        JsonObject claims = jwt.claims();
        String jti = Jsonp.text(claims.get("jti"));
        String sub = Jsonp.text(claims.get("sub"));
        String agt = Jsonp.text(claims.get("agt"));
        String dev = Jsonp.text(claims.get("dev"));
        List<String> scp = texts(claims.get("scp"));
        String grnt = claims.containsKey("grnt") ? Jsonp.text(claims.get("grnt")) : jti;
        JsonValue depth = claims.getOrDefault("delegationDepth", JsonValue.NULL);
        // A principal-session token is signed by the same key but grants nothing to an agent.
        if (jti == null || sub == null || agt == null || dev == null || scp == null
                || !(claims.get("iat") instanceof JsonNumber) || claims.containsKey("purpose")
                || grnt == null || !(depth == JsonValue.NULL || depth instanceof JsonNumber)) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedToken(jti, grnt, dev, sub, agt, scp, jwt.expiresAt(),
                depth instanceof JsonNumber number ? number.intValue() : 0, claims));
    }

    private static List<String> texts(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return null;
        }
        List<String> texts = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (Jsonp.text(item) == null) {
                return null;
            }
            texts.add(Jsonp.text(item));
        }
        return List.copyOf(texts);
    }

    /** Empty when the token is live for {@code developerId}; otherwise why not. */
    public Optional<Inactive> inactiveReason(VerifiedToken token, String developerId) {
        if (!token.developerId().equals(developerId)) {
            return Optional.of(Inactive.WRONG_DEVELOPER);
        }
        List<Object[]> rows = em.createQuery("SELECT t.revoked, g.status, g.expiresAt, g.developerId FROM GrantToken t, "
                        + "Grant g WHERE t.jti = :jti AND g.id = t.grantId", Object[].class)
                .setParameter("jti", token.jti()).getResultList();
        if (rows.isEmpty() || !developerId.equals(rows.get(0)[3])) {
            return Optional.of(Inactive.NOT_FOUND);
        }
        Object[] row = rows.get(0);
        // The expiry sweep marks a grant expired once its time has passed: that is not a revocation.
        if ((Boolean) row[0] || !(Grant.ACTIVE.equals(row[1]) || Grant.EXPIRED.equals(row[1]))) {
            return Optional.of(Inactive.REVOKED);
        }
        Instant now = clock.instant();
        if (Grant.EXPIRED.equals(row[1]) || !((Instant) row[2]).isAfter(now) || !token.expiresAt().isAfter(now)) {
            return Optional.of(Inactive.EXPIRED);
        }
        return Optional.empty();
    }

    /**
     * A fully valid token of {@code developerId}, or empty. The revocation cache answers when it can;
     * otherwise the database does. (A token's signature proves it was issued here and its expiry is
     * within its grant's, so revocation, including of grants deleted with their agent, is the only live
     * state left to check.)
     */
    public Optional<VerifiedToken> verifyActive(String token, String developerId) {
        Instant now = clock.instant();
        Optional<VerifiedToken> parsed = parse(token)
                .filter(t -> t.developerId().equals(developerId) && t.expiresAt().isAfter(now));
        if (parsed.isEmpty()) {
            return parsed;
        }
        Optional<Boolean> revoked = revocations.revoked(parsed.get().jti(), parsed.get().grantId());
        if (revoked.isPresent()) {
            return revoked.get() ? Optional.empty() : parsed;
        }
        return parsed.filter(t -> inactiveReason(t, developerId).isEmpty());
    }
}
