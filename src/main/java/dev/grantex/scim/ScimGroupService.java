package dev.grantex.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A developer's provisioned groups. Members are the developer's users (a member that is not is
 * invalidValue) and are kept as rows, so that a user's groups are one index read for single sign-on.
 * A PATCH sees the group with its members, as providers expect: {@code members} add and remove, also
 * with a value filter ({@code members[value eq "…"]}, as Entra ID sends).
 */
@ApplicationScoped
@Transactional
public class ScimGroupService {
    static final String RESOURCE_TYPE = "Group";
    private static final String MEMBERS = "members";

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ScimResources resources;

    @Inject
    ScimUserService users;

    public ObjectNode create(String developerId, ObjectNode body) {
        Instant now = clock.instant();
        ScimGroup group = new ScimGroup(Ids.newId("scimgroup"), developerId, now);
        ObjectNode stored = resources.storable(body, ScimResources.GROUP_SCHEMA);
        Set<String> members = memberIds(developerId, stored.remove(MEMBERS));
        write(group, stored, now);
        em.persist(group);
        em.flush();
        writeMembers(group, Set.of(), members);
        return answer(group, stored, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ObjectNode get(String developerId, String id, String attributes, String excluded) {
        ScimGroup group = find(developerId, id, LockModeType.NONE);
        return ScimResources.project(answer(group, ScimJson.object(group.resource()), wantsMembers(attributes, excluded)),
                attributes, excluded);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ObjectNode list(String developerId, String filter, ScimPage page, String attributes, String excluded) {
        List<Object> parameters = new ArrayList<>(List.of(developerId));
        String where = "g.developer_id = ?1" + (filter == null || filter.isBlank() ? ""
                : " AND (" + ScimFilterSql.forGroups(filter, parameters) + ")");
        List<ObjectNode> found = new ArrayList<>();
        ScimResources.Page<ScimGroup> groups = resources.page(ScimGroup.class, "scim_groups", "g", where, parameters, page);
        boolean withMembers = wantsMembers(attributes, excluded);
        for (ScimGroup group : groups.items()) {
            found.add(ScimResources.project(answer(group, ScimJson.object(group.resource()), withMembers),
                    attributes, excluded));
        }
        return ScimResources.listResponse(groups.total(), page.startIndex(), found);
    }

    public ObjectNode replace(String developerId, String id, ObjectNode body, String ifMatch) {
        ScimGroup group = findForChange(developerId, id, ifMatch);
        return change(group, resources.storable(body, ScimResources.GROUP_SCHEMA));
    }

    public ObjectNode patch(String developerId, String id, ObjectNode body, String ifMatch) {
        ScimGroup group = findForChange(developerId, id, ifMatch);
        ObjectNode current = ScimJson.object(group.resource());
        current.set(MEMBERS, membersOf(group));
        return change(group, resources.storable(ScimPatch.apply(current, body), ScimResources.GROUP_SCHEMA));
    }

    public void delete(String developerId, String id, String ifMatch) {
        em.remove(findForChange(developerId, id, ifMatch));
    }

    private ObjectNode change(ScimGroup group, ObjectNode stored) {
        Set<String> members = memberIds(group.developerId(), stored.remove(MEMBERS));
        write(group, stored, clock.instant());
        writeMembers(group, currentMemberIds(group), members);
        return answer(group, stored, true);
    }

    private static void write(ScimGroup group, ObjectNode stored, Instant now) {
        group.write(UserAttributes.text(stored, "displayName", true, UserAttributes.MAX_TEXT),
                UserAttributes.text(stored, "externalId", false, UserAttributes.MAX_TEXT), ScimJson.write(stored), now);
    }

    /** The display names of the developer's groups the user is a member of (SSO maps them to scopes). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> groupNamesOf(String developerId, String userId) {
        @SuppressWarnings("unchecked")
        List<String> groupIds = em.createNativeQuery("SELECT group_id FROM scim_group_members WHERE user_id = ?1 "
                + "AND developer_id = ?2").setParameter(1, userId).setParameter(2, developerId).getResultList();
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT g FROM ScimGroup g WHERE g.developerId = :dev AND g.id IN :ids ORDER BY g.createdAt",
                        ScimGroup.class).setParameter("dev", developerId).setParameter("ids", groupIds).getResultStream()
                .map(group -> ScimJson.object(group.resource()).path("displayName").asText()).toList();
    }

    /** The user ids a members attribute names, each checked to be one of the developer's users. */
    private Set<String> memberIds(String developerId, JsonNode members) {
        Set<String> ids = new LinkedHashSet<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        if (!(members instanceof ArrayNode list)) {
            throw ScimErrors.invalidValue("members must be a list of {value}");
        }
        for (JsonNode member : list) {
            JsonNode value = member.get("value");
            if (value == null || !value.isTextual()) {
                throw ScimErrors.invalidValue("Each member needs value: the id of a user");
            }
            if (users.member(developerId, value.asText()) == null) {
                throw ScimErrors.invalidValue("Member " + value.asText() + " is not one of this developer's users");
            }
            ids.add(value.asText());
        }
        return ids;
    }

    private void writeMembers(ScimGroup group, Set<String> before, Set<String> after) {
        for (String removed : before) {
            if (!after.contains(removed)) {
                em.createNativeQuery("DELETE FROM scim_group_members WHERE group_id = ?1 AND user_id = ?2")
                        .setParameter(1, group.id()).setParameter(2, removed).executeUpdate();
            }
        }
        for (String added : after) {
            if (!before.contains(added)) {
                em.createNativeQuery("INSERT INTO scim_group_members (group_id, user_id, developer_id) VALUES (?1, ?2, ?3)")
                        .setParameter(1, group.id()).setParameter(2, added).setParameter(3, group.developerId())
                        .executeUpdate();
            }
        }
    }

    private Set<String> currentMemberIds(ScimGroup group) {
        return new LinkedHashSet<>(members(group).keySet());
    }

    /** Member id → userName, by userName. */
    private Map<String, String> members(ScimGroup group) {
        Map<String, String> members = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT u.id, u.user_name FROM scim_group_members m "
                        + "JOIN scim_users u ON u.id = m.user_id WHERE m.group_id = ?1 ORDER BY u.user_name_key, u.id")
                .setParameter(1, group.id()).getResultList();
        rows.forEach(row -> members.put((String) row[0], (String) row[1]));
        return members;
    }

    private ArrayNode membersOf(ScimGroup group) {
        ArrayNode list = ScimJson.mapper().createArrayNode();
        members(group).forEach((id, userName) -> list.addObject().put("value", id).put("display", userName)
                .put("$ref", resources.location(ScimUserService.RESOURCE_TYPE, id)).put("type", "User"));
        return list;
    }

    private static boolean wantsMembers(String attributes, String excluded) {
        Set<String> asked = ScimResources.names(attributes);
        return asked.isEmpty() ? !ScimResources.names(excluded).contains(MEMBERS) : asked.contains(MEMBERS);
    }

    private ObjectNode answer(ScimGroup group, ObjectNode stored, boolean withMembers) {
        ObjectNode answer = resources.answer(RESOURCE_TYPE, group.id(), stored, group.createdAt(), group.lastModified(),
                group.version());
        if (withMembers) {
            ObjectNode meta = (ObjectNode) answer.remove("meta");
            answer.set(MEMBERS, membersOf(group));
            answer.set("meta", meta);
        }
        return answer;
    }

    private ScimGroup findForChange(String developerId, String id, String ifMatch) {
        ScimGroup group = find(developerId, id, LockModeType.PESSIMISTIC_WRITE);
        ScimResources.checkIfMatch(ifMatch, group.version());
        return group;
    }

    private ScimGroup find(String developerId, String id, LockModeType lock) {
        ScimGroup group = em.find(ScimGroup.class, id, lock);
        if (group == null || !group.developerId().equals(developerId)) {
            throw ScimErrors.noTarget("Group " + id + " not found");
        }
        return group;
    }
}
