package dev.grantex.policies;

import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.policies.PolicyViews.BundleRequest;
import dev.grantex.policies.PolicyViews.BundleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Policy-as-code bundles: uploaded versions of a developer's Rego or Cedar policies, at most one
 * active per format. A Cedar bundle is parsed before it is stored, so one that does not parse is
 * refused and the active one stays.
 */
@ApplicationScoped
@Transactional
public class PolicyBundleService {
    /** Decoded bytes a bundle may hold: a million-character body holds about 750 KB of base64. */
    static final int MAX_CONTENT_BYTES = 512 * 1024;
    static final int MAX_FILE_COUNT = 10_000;

    private static final String COLUMNS = "SELECT b.id, b.developerId, b.format, b.version, b.sha256, b.fileCount, "
            + "b.active, b.createdAt FROM PolicyBundle b ";

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PlanLimits planLimits;

    @Inject
    Event<PoliciesChanged> changed;

    @Inject
    CedarThreads cedarThreads;

    public PolicyBundle sync(String developerId, BundleRequest body) {
        String format = requireFormat(body.format(), true);
        String version = Fields.requireText(body.version(), "version", 128);
        byte[] content = decode(body.content());
        int fileCount = body.fileCount() == null ? 1 : body.fileCount();
        if (fileCount < 1 || fileCount > MAX_FILE_COUNT) {
            throw ApiException.badRequest("fileCount must be a whole number from 1 to " + MAX_FILE_COUNT);
        }
        if (PolicyBundle.CEDAR.equals(format)) {
            CedarLibrary.require();
            String text = utf8(content);
            cedarThreads.call(() -> {
                CedarBundle.check(text);
                return null;
            });
        }
        planLimits.lockDeveloper(developerId);
        if (!em.createQuery("SELECT b.id FROM PolicyBundle b WHERE b.developerId = :dev AND b.format = :format "
                        + "AND b.version = :version", String.class).setParameter("dev", developerId)
                .setParameter("format", format).setParameter("version", version).getResultList().isEmpty()) {
            throw ApiException.conflict("The " + format + " bundle version " + version + " exists already");
        }
        PolicyBundle bundle = new PolicyBundle(Ids.newId("pbnd"), developerId, format, version,
                HexFormat.of().formatHex(Hashes.sha256(content)), fileCount,
                Base64.getEncoder().encodeToString(content), clock.instant());
        em.persist(bundle);
        if (body.activate() == null || body.activate()) {
            activate(bundle);
        }
        return bundle;
    }

    /** Makes an earlier version the active one of its format again (a rollback). */
    public PolicyBundle activate(String developerId, String id) {
        planLimits.lockDeveloper(developerId);
        PolicyBundle bundle = em.find(PolicyBundle.class, id);
        if (bundle == null || !bundle.developerId().equals(developerId)) {
            throw ApiException.notFound("Policy bundle not found");
        }
        if (!bundle.active()) {
            activate(bundle);
        }
        return bundle;
    }

    /** Leaves no bundle of the format active: with the cedar backend, the built-in policies decide again. */
    public void deactivate(String developerId, String format) {
        String checked = requireFormat(format, true);
        planLimits.lockDeveloper(developerId);
        int changed = em.createQuery("UPDATE PolicyBundle b SET b.active = FALSE WHERE b.developerId = :dev "
                        + "AND b.format = :format AND b.active = TRUE").setParameter("dev", developerId)
                .setParameter("format", checked).executeUpdate();
        if (changed == 0) {
            throw ApiException.notFound("No active " + checked + " bundle");
        }
        this.changed.fire(new PoliciesChanged(developerId));
    }

    /** Newest first, without their content; {@code format} null for both formats. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<BundleView> list(String developerId, String format) {
        String checked = requireFormat(format, false);
        var query = em.createQuery(COLUMNS + "WHERE b.developerId = :dev" + (checked == null ? "" : " AND b.format = :format")
                + " ORDER BY b.createdAt DESC, b.id DESC", Object[].class).setParameter("dev", developerId);
        if (checked != null) {
            query.setParameter("format", checked);
        }
        return query.getResultList().stream().map(PolicyBundleService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public BundleView active(String developerId, String format) {
        if (format == null) {
            throw ApiException.badRequest("format is required: \"rego\" or \"cedar\"");
        }
        return em.createQuery(COLUMNS + "WHERE b.developerId = :dev AND b.format = :format AND b.active = TRUE",
                        Object[].class).setParameter("dev", developerId).setParameter("format", requireFormat(format, true))
                .getResultStream().findFirst().map(PolicyBundleService::view)
                .orElseThrow(() -> ApiException.notFound("No active " + format + " bundle"));
    }

    /** The id of the developer's active Cedar bundle, if there is one: cheap enough to ask every few seconds. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<String> activeCedarId(String developerId) {
        return em.createQuery("SELECT b.id FROM PolicyBundle b WHERE b.developerId = :dev AND b.format = :format "
                        + "AND b.active = TRUE", String.class).setParameter("dev", developerId)
                .setParameter("format", PolicyBundle.CEDAR).getResultStream().findFirst();
    }

    /** A Cedar bundle ready to decide. */
    @Transactional(Transactional.TxType.SUPPORTS)
    CedarBundle compileCedar(String id) {
        PolicyBundle bundle = em.find(PolicyBundle.class, id);
        String text = utf8(Base64.getDecoder().decode(bundle.content()));
        return cedarThreads.call(() -> CedarBundle.compile(bundle.id(), bundle.version(), text));
    }

    private void activate(PolicyBundle bundle) {
        em.createQuery("UPDATE PolicyBundle b SET b.active = FALSE WHERE b.developerId = :dev AND b.format = :format "
                        + "AND b.active = TRUE AND b.id <> :id").setParameter("dev", bundle.developerId())
                .setParameter("format", bundle.format()).setParameter("id", bundle.id()).executeUpdate();
        bundle.activate();
        changed.fire(new PoliciesChanged(bundle.developerId()));
    }

    private static BundleView view(Object[] row) {
        return new BundleView((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                ((Number) row[5]).intValue(), (Boolean) row[6], Timestamps.format((Instant) row[7]));
    }

    /** "rego" or "cedar"; null passes when the format is optional. */
    private static String requireFormat(String format, boolean required) {
        if (format == null && !required) {
            return null;
        }
        if (!PolicyBundle.REGO.equals(format) && !PolicyBundle.CEDAR.equals(format)) {
            throw ApiException.badRequest("format must be \"rego\" or \"cedar\"");
        }
        return format;
    }

    private static byte[] decode(String content) {
        if (content == null || content.isEmpty()) {
            throw ApiException.badRequest("content is required: the bundle's bytes as base64");
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("content must be base64: " + e.getMessage());
        }
        if (decoded.length == 0 || decoded.length > MAX_CONTENT_BYTES) {
            throw ApiException.badRequest("content must hold 1 to " + MAX_CONTENT_BYTES + " bytes once decoded");
        }
        return decoded;
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("A Cedar bundle's content must be UTF-8 policy text");
        }
    }
}
