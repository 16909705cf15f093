package dev.grantex.credentials;

import dev.grantex.credentials.CredentialViews.CredentialView;
import dev.grantex.credentials.CredentialViews.VerifyResult;
import dev.grantex.grants.GrantsRevoked;
import dev.grantex.keys.Rs256JwtVerifier;
import dev.grantex.keys.ServerDid;
import dev.grantex.keys.SignedJwts;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.IdSlices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A developer's issued credentials, their online verification, and their revocation with their grants. */
@ApplicationScoped
@Transactional
public class CredentialService {
    static final int LIST_LIMIT = 100;
    private static final List<String> STATUSES = List.of(VerifiableCredential.ACTIVE, VerifiableCredential.REVOKED);

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    SignedJwts signedJwts;

    @Inject
    StatusLists statusLists;

    @Inject
    ServerDid serverDid;

    @Inject
    Clock clock;

    /** The developer's credentials, newest first, at most 100, filtered by grant, principal and status. */
    public List<CredentialView> list(String developerId, String grantId, String principalId, String status) {
        if (status != null) {
            Fields.requireOneOf(status, "status", STATUSES);
        }
        StringBuilder jpql = new StringBuilder("SELECT v FROM VerifiableCredential v WHERE v.developerId = :dev");
        if (grantId != null) {
            jpql.append(" AND v.grantId = :grant");
        }
        if (principalId != null) {
            jpql.append(" AND v.principalId = :principal");
        }
        if (status != null) {
            jpql.append(" AND v.status = :status");
        }
        TypedQuery<VerifiableCredential> query = em.createQuery(jpql.append(" ORDER BY v.issuedAt DESC, v.id DESC")
                .toString(), VerifiableCredential.class).setParameter("dev", developerId);
        if (grantId != null) {
            query.setParameter("grant", grantId);
        }
        if (principalId != null) {
            query.setParameter("principal", principalId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setMaxResults(LIST_LIMIT).getResultList().stream().map(CredentialView::of).toList();
    }

    public CredentialView get(String developerId, String id) {
        VerifiableCredential vc = em.find(VerifiableCredential.class, id);
        if (vc == null || !vc.developerId().equals(developerId)) {
            throw ApiException.notFound("Credential not found");
        }
        return CredentialView.of(vc);
    }

    /**
     * Checks a VC-JWT of this server: signature by a published key, this server's DID as issuer, a
     * credential it issued (by jti), and whether it is revoked or expired. Anything else is {valid:false}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VerifyResult verify(String credential) {
        if (credential.indexOf('~') >= 0) {
            return VerifyResult.invalid("This is an SD-JWT: present it at POST /v1/credentials/present");
        }
        Optional<Issued> issued = issued(credential);
        if (issued.isEmpty() || issued.get().claims().containsKey("_sd_alg")) {
            return VerifyResult.invalid("Not a verifiable credential issued by " + serverDid.did());
        }
        VerifiableCredential vc = issued.get().stored();
        boolean expired = issued.get().expired();
        return new VerifyResult(!vc.revoked() && !expired, vc.id(), issued.get().claims(), vc.revoked(), expired,
                vc.revoked() ? "The credential is revoked" : expired ? "The credential has expired" : null);
    }

    /** A JWT this server signed as a credential issuer, with the credential stored for its jti. */
    record Issued(JsonObject claims, VerifiableCredential stored, boolean expired) {
    }

    Optional<Issued> issued(String jwt) {
        Instant now = clock.instant();
        Optional<Rs256JwtVerifier.Verified> verified = signedJwts.credentialVerifier().verify(jwt, now);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        JsonObject claims = verified.get().claims();
        String jti = Jsonp.text(claims.get("jti"));
        VerifiableCredential vc = jti == null ? null : em.find(VerifiableCredential.class, jti);
        return vc == null ? Optional.empty() : Optional.of(new Issued(claims, vc, verified.get().expiredAt(now)));
    }

    /** The public StatusList2021 credential of one list (unsigned, per the contract). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JsonObject statusListCredential(String listId) {
        StatusList list = em.find(StatusList.class, listId);
        if (list == null) {
            throw ApiException.notFound("Status list not found");
        }
        String url = statusLists.url(listId);
        return Jsonp.objectBuilder()
                .add("@context", Jsonp.arrayBuilder().add("https://www.w3.org/ns/credentials/v2")
                        .add("https://w3id.org/vc/status-list/2021/v1"))
                .add("id", url)
                .add("type", Jsonp.arrayBuilder().add("VerifiableCredential").add("StatusList2021Credential"))
                .add("issuer", serverDid.did())
                .add("issued", Timestamps.format(list.updatedAt()))
                .add("credentialSubject", Jsonp.objectBuilder().add("id", url + "#list").add("type", "StatusList2021")
                        .add("statusPurpose", StatusList.REVOCATION).add("encodedList", list.encodedList()))
                .build();
    }

    /**
     * Revokes the active credentials of revoked grants and sets their status-list bits, in the revoking
     * transaction.
     */
    void revokeWithGrants(@Observes GrantsRevoked revoked) {
        List<VerifiableCredential> active = IdSlices.query(revoked.expiryByGrantId().keySet(), grants -> em.createQuery(
                        "SELECT v FROM VerifiableCredential v WHERE v.grantId IN :grants AND v.status = :active",
                        VerifiableCredential.class)
                .setParameter("grants", grants)
                .setParameter("active", VerifiableCredential.ACTIVE)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList());
        if (active.isEmpty()) {
            return;
        }
        statusLists.revoke(active.stream().map(VerifiableCredential::statusEntry).toList());
        Instant now = clock.instant();
        active.forEach(vc -> vc.revoke(now));
    }
}
