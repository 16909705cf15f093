package dev.grantex.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A developer's provisioned users. userName is unique per developer, ignoring case (409
 * uniqueness). Deprovisioning, by {@code active: false} or by deletion, revokes every active grant
 * whose principal is the user (its id, userName or externalId), with what was delegated from them.
 */
@ApplicationScoped
@Transactional
public class ScimUserService {
    static final String RESOURCE_TYPE = "User";

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ScimResources resources;

    @Inject
    GrantService grants;

    public ObjectNode create(String developerId, ObjectNode body) {
        ObjectNode stored = resources.storable(body, ScimResources.USER_SCHEMA);
        UserAttributes attributes = UserAttributes.read(stored);
        requireFreeUserName(developerId, attributes.userName(), null);
        Instant now = clock.instant();
        ScimUser user = new ScimUser(Ids.newId("scimuser"), developerId, now);
        user.write(attributes, ScimJson.write(stored), now);
        em.persist(user);
        em.flush();
        writeEmails(user, attributes.emails());
        return answer(user, stored);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ObjectNode get(String developerId, String id) {
        ScimUser user = find(developerId, id);
        return answer(user, ScimJson.object(user.resource()));
    }

    /** One page of the developer's users matching the filter (all without one), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ObjectNode list(String developerId, String filter, ScimPage page, String attributes, String excluded) {
        List<Object> parameters = new ArrayList<>(List.of(developerId));
        String where = "u.developer_id = ?1" + (filter == null || filter.isBlank() ? ""
                : " AND (" + ScimFilterSql.forUsers(filter, parameters) + ")");
        List<ObjectNode> found = new ArrayList<>();
        ScimResources.Page<ScimUser> users = resources.page(ScimUser.class, "scim_users", "u", where, parameters, page);
        for (ScimUser user : users.items()) {
            found.add(ScimResources.project(answer(user, ScimJson.object(user.resource())), attributes, excluded));
        }
        return ScimResources.listResponse(users.total(), page.startIndex(), found);
    }

    /** PUT: the body replaces the user's document. */
    public ObjectNode replace(String developerId, String id, ObjectNode body, String ifMatch) {
        ScimUser user = findForChange(developerId, id, ifMatch);
        return write(user, resources.storable(body, ScimResources.USER_SCHEMA));
    }

    public ObjectNode patch(String developerId, String id, ObjectNode body, String ifMatch) {
        ScimUser user = findForChange(developerId, id, ifMatch);
        ObjectNode patched = ScimPatch.apply(ScimJson.object(user.resource()), body);
        return write(user, resources.storable(patched, ScimResources.USER_SCHEMA));
    }

    public void delete(String developerId, String id, String ifMatch) {
        ScimUser user = findForChange(developerId, id, ifMatch);
        grants.revokeAllOfPrincipals(developerId, principalIds(user));
        em.remove(user);
    }

    /**
     * The user a person signing in through SSO is: the developer's user whose externalId is the
     * identity provider's subject, else whose userName is the email. When there is none and
     * provisioning is on, it is created (userName the email, or the subject without one).
     */
    public Optional<ScimUser> forSignIn(String developerId, String subject, String email, String name, boolean provision) {
        Optional<ScimUser> found = em.createQuery("SELECT u FROM ScimUser u WHERE u.developerId = :dev AND u.externalId = :sub "
                        + "ORDER BY u.createdAt", ScimUser.class)
                .setParameter("dev", developerId).setParameter("sub", subject).setMaxResults(1).getResultStream().findFirst();
        if (found.isEmpty() && email != null) {
            found = em.createQuery("SELECT u FROM ScimUser u WHERE u.developerId = :dev AND u.userNameKey = :key", ScimUser.class)
                    .setParameter("dev", developerId).setParameter("key", ScimText.key(email)).getResultStream().findFirst();
        }
        if (found.isPresent() || !provision) {
            return found;
        }
        ObjectNode body = ScimJson.newObject();
        body.putArray("schemas").add(ScimResources.USER_SCHEMA);
        body.put("userName", email != null ? email : subject);
        body.put("externalId", subject);
        if (name != null) {
            body.put("displayName", name);
        }
        body.put("active", true);
        if (email != null) {
            body.putArray("emails").addObject().put("value", email).put("type", "work").put("primary", true);
        }
        return Optional.of(em.find(ScimUser.class, create(developerId, body).get("id").asText()));
    }

    /** Whether the developer has this user and it is active: an SSO session holds only while it is. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isActive(String developerId, String id) {
        ScimUser user = member(developerId, id);
        return user != null && user.active();
    }

    /** The user named by a group's member value, if it is the developer's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    ScimUser member(String developerId, String id) {
        ScimUser user = em.find(ScimUser.class, id);
        return user == null || !user.developerId().equals(developerId) ? null : user;
    }

    private ObjectNode write(ScimUser user, ObjectNode stored) {
        UserAttributes attributes = UserAttributes.read(stored);
        requireFreeUserName(user.developerId(), attributes.userName(), user.id());
        if (user.active() && !attributes.active()) {
            grants.revokeAllOfPrincipals(user.developerId(), principalIds(user));
        }
        user.write(attributes, ScimJson.write(stored), clock.instant());
        writeEmails(user, attributes.emails());
        return answer(user, stored);
    }

    /** The principal ids grants may name this user by. */
    private static Set<String> principalIds(ScimUser user) {
        Set<String> ids = new LinkedHashSet<>(List.of(user.id(), user.userName()));
        if (user.externalId() != null) {
            ids.add(user.externalId());
        }
        return ids;
    }

    private void requireFreeUserName(String developerId, String userName, String exceptId) {
        List<String> holders = em.createQuery("SELECT u.id FROM ScimUser u WHERE u.developerId = :dev "
                        + "AND u.userNameKey = :key", String.class)
                .setParameter("dev", developerId).setParameter("key", ScimText.key(userName)).getResultList();
        if (holders.stream().anyMatch(holder -> !holder.equals(exceptId))) {
            throw ScimErrors.uniqueness("A user with userName " + userName + " exists already");
        }
    }

    private void writeEmails(ScimUser user, List<UserAttributes.Email> emails) {
        em.createNativeQuery("DELETE FROM scim_user_emails WHERE user_id = ?1").setParameter(1, user.id()).executeUpdate();
        for (UserAttributes.Email email : emails) {
            em.createNativeQuery("INSERT INTO scim_user_emails (id, user_id, developer_id, value_key, type, is_primary) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, Ids.newId("scimeml")).setParameter(2, user.id()).setParameter(3, user.developerId())
                    .setParameter(4, ScimText.key(email.value())).setParameter(5, email.type())
                    .setParameter(6, email.primary()).executeUpdate();
        }
    }

    /** The user, locked for the change, at the version If-Match names when it names one. */
    private ScimUser findForChange(String developerId, String id, String ifMatch) {
        ScimUser user = find(developerId, id, LockModeType.PESSIMISTIC_WRITE);
        ScimResources.checkIfMatch(ifMatch, user.version());
        return user;
    }

    private ScimUser find(String developerId, String id) {
        return find(developerId, id, LockModeType.NONE);
    }

    private ScimUser find(String developerId, String id, LockModeType lock) {
        ScimUser user = em.find(ScimUser.class, id, lock);
        if (user == null || !user.developerId().equals(developerId)) {
            throw ScimErrors.noTarget("User " + id + " not found");
        }
        return user;
    }

    private ObjectNode answer(ScimUser user, ObjectNode stored) {
        return resources.answer(RESOURCE_TYPE, user.id(), stored, user.createdAt(), user.lastModified(), user.version());
    }
}
