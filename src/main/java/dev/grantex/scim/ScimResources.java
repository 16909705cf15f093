package dev.grantex.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shared handling of SCIM resources: what of a provider's document is stored (never id, meta or
 * a password), how a stored one is answered (schemas, id, the rest, meta with location and version),
 * ETags and If-Match, the attributes/excludedAttributes projections and list responses.
 */
@ApplicationScoped
public class ScimResources {
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    /** Attributes a server assigns: a document's own are ignored. */
    private static final Set<String> SERVER_ASSIGNED = Set.of("id", "meta", "password");
    /** Always returned, whatever the projection asks (RFC 7643 §7, returned "always"). */
    private static final Set<String> ALWAYS_RETURNED = Set.of("id", "schemas");

    @Inject
    PublicUrl publicUrl;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    /** One page of a list: how many match, and the resources on the page, oldest first. */
    record Page<T>(long total, List<T> items) {
    }

    /**
     * The page of the {@code entity} rows of {@code table alias} matching the condition, and how many
     * match. A page that ends before its count tells the total itself, so the look-ups providers make
     * before every create (a filter matching one user or none) take one query, not two.
     */
    @SuppressWarnings("unchecked")
    <T> Page<T> page(Class<T> entity, String table, String alias, String where, List<Object> parameters, ScimPage page) {
        String from = " FROM " + table + " " + alias + " WHERE " + where;
        List<T> items = page.count() == 0 ? List.of() : bind(em.createNativeQuery("SELECT " + alias + ".*" + from
                        + " ORDER BY " + alias + ".created_at, " + alias + ".id", entity), parameters)
                .setFirstResult(page.startIndex() - 1).setMaxResults(page.count()).getResultList();
        boolean endsOnThisPage = items.size() < page.count() && (!items.isEmpty() || page.startIndex() == 1);
        if (endsOnThisPage) {
            return new Page<>(page.startIndex() - 1L + items.size(), items);
        }
        long total = ((Number) bind(em.createNativeQuery("SELECT COUNT(*)" + from), parameters).getSingleResult()).longValue();
        return new Page<>(total, items);
    }

    private static Query bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    /** The provider's document as stored: without server-assigned attributes, with schemas. */
    ObjectNode storable(ObjectNode document, String coreSchema) {
        ObjectNode stored = document.deepCopy();
        Iterator<String> names = stored.fieldNames();
        while (names.hasNext()) {
            if (SERVER_ASSIGNED.contains(names.next().toLowerCase(Locale.ROOT))) {
                names.remove();
            }
        }
        JsonNode schemas = stored.get("schemas");
        if (!(schemas instanceof ArrayNode list) || list.isEmpty()) {
            stored.putArray("schemas").add(coreSchema);
        }
        return stored;
    }

    /** A stored document as answered: schemas, id, its attributes, then meta. */
    ObjectNode answer(String resourceType, String id, ObjectNode stored, Instant created, Instant lastModified, long version) {
        ObjectNode answer = ScimJson.newObject();
        answer.set("schemas", stored.get("schemas"));
        answer.put("id", id);
        stored.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("schemas")) {
                answer.set(field.getKey(), field.getValue());
            }
        });
        ObjectNode meta = answer.putObject("meta");
        meta.put("resourceType", resourceType);
        meta.put("created", Timestamps.format(created));
        meta.put("lastModified", Timestamps.format(lastModified));
        meta.put("location", location(resourceType, id));
        meta.put("version", etag(version));
        return answer;
    }

    String location(String resourceType, String id) {
        return publicUrl.origin() + "/scim/v2/" + resourceType + "s/" + id;
    }

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /** If-Match, when sent, must name the current version (or be *): otherwise 412, and nothing changes. */
    static void checkIfMatch(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = etag(version);
        boolean matches = List.of(ifMatch.split(",")).stream().map(String::trim)
                .anyMatch(tag -> tag.equals(current) || tag.equals(current.substring(2)));
        if (!matches) {
            throw ScimErrors.preconditionFailed("If-Match " + ifMatch + " does not name the current version " + current);
        }
    }

    /**
     * RFC 7644 §3.4.2.5: only the attributes asked for (with id and schemas), or all but those
     * excluded. Top-level attribute names, compared case-insensitively.
     */
    static ObjectNode project(ObjectNode answer, String attributes, String excludedAttributes) {
        Set<String> asked = names(attributes);
        Set<String> excluded = names(excludedAttributes);
        if (asked.isEmpty() && excluded.isEmpty()) {
            return answer;
        }
        Iterator<String> fields = answer.fieldNames();
        while (fields.hasNext()) {
            String name = fields.next().toLowerCase(Locale.ROOT);
            boolean keep = ALWAYS_RETURNED.contains(name) || (asked.isEmpty() ? !excluded.contains(name) : asked.contains(name));
            if (!keep) {
                fields.remove();
            }
        }
        return answer;
    }

    /** The top-level names of a comma-separated attribute list ("emails.value" names emails). */
    static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return List.of(list.split(",")).stream().map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    int schemaEnd = lower.startsWith("urn:") ? lower.lastIndexOf(':') : -1;
                    String path = lower.substring(schemaEnd + 1);
                    int dot = path.indexOf('.');
                    return dot < 0 ? path : path.substring(0, dot);
                })
                .collect(Collectors.toSet());
    }

    /** A list response page. */
    static ObjectNode listResponse(long total, int startIndex, List<ObjectNode> resources) {
        ObjectNode list = ScimJson.newObject();
        list.putArray("schemas").add(LIST_SCHEMA);
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", resources.size());
        ArrayNode items = list.putArray("Resources");
        resources.forEach(items::add);
        return list;
    }
}
