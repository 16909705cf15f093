package dev.grantex.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.utils.JsonUtils;
import dev.grantex.platform.QuotedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A SCIM filter (parsed by the UnboundID SDK) as a SQL condition over a developer's users (alias
 * {@code u}) or groups ({@code g}), with its values as positional parameters, so that the database
 * answers it through its indexes: userName and externalId look-ups are index seeks. Attribute names
 * are case-insensitive; userName, displayName and email addresses compare case-insensitively
 * (through their lower-cased key columns), ids and externalId exactly. An attribute or operator not
 * listed here is SCIM's invalidFilter, never a scan of something unindexed by surprise.
 */
final class ScimFilterSql {
    private enum Kind { CASE_EXACT, CASE_IGNORED, BOOLEAN, DATE }

    private record Column(String sql, Kind kind) {
    }

    /** A multi-valued attribute kept in a table of its own, filtered through EXISTS. */
    private record ValueTable(String table, String alias, String join, Map<String, Column> columns, String defaultAttribute) {
    }

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:user";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:group";

    private static final Map<String, Column> USER_COLUMNS = Map.of(
            "id", new Column("u.id", Kind.CASE_EXACT),
            "username", new Column("u.user_name_key", Kind.CASE_IGNORED),
            "externalid", new Column("u.external_id", Kind.CASE_EXACT),
            "displayname", new Column("u.display_name_key", Kind.CASE_IGNORED),
            "active", new Column("u.active", Kind.BOOLEAN),
            "meta.created", new Column("u.created_at", Kind.DATE),
            "meta.lastmodified", new Column("u.last_modified", Kind.DATE));
    private static final Map<String, ValueTable> USER_TABLES = Map.of("emails", new ValueTable("scim_user_emails", "e",
            "e.user_id = u.id", Map.of(
                    "value", new Column("e.value_key", Kind.CASE_IGNORED),
                    "type", new Column("LOWER(e.type)", Kind.CASE_IGNORED),
                    "primary", new Column("e.is_primary", Kind.BOOLEAN)), "value"));
    private static final Map<String, Column> GROUP_COLUMNS = Map.of(
            "id", new Column("g.id", Kind.CASE_EXACT),
            "externalid", new Column("g.external_id", Kind.CASE_EXACT),
            "displayname", new Column("g.display_name_key", Kind.CASE_IGNORED),
            "meta.created", new Column("g.created_at", Kind.DATE),
            "meta.lastmodified", new Column("g.last_modified", Kind.DATE));
    private static final Map<String, ValueTable> GROUP_TABLES = Map.of("members", new ValueTable("scim_group_members", "m",
            "m.group_id = g.id", Map.of("value", new Column("m.user_id", Kind.CASE_EXACT)), "value"));

    private final Map<String, Column> columns;
    private final Map<String, ValueTable> tables;
    static final int MAX_FILTER_LENGTH = 4096;
    static final int MAX_FILTER_NESTING = 32;

    private final String schema;
    private final List<Object> parameters;

    private ScimFilterSql(Map<String, Column> columns, Map<String, ValueTable> tables, String schema, List<Object> parameters) {
        this.columns = columns;
        this.tables = tables;
        this.schema = schema;
        this.parameters = parameters;
    }

    /** The condition over users (alias u); its values are appended to parameters, numbered after those there. */
    static String forUsers(String filter, List<Object> parameters) {
        return new ScimFilterSql(USER_COLUMNS, USER_TABLES, USER_SCHEMA, parameters).condition(parse(filter));
    }

    /** The condition over groups (alias g). */
    static String forGroups(String filter, List<Object> parameters) {
        return new ScimFilterSql(GROUP_COLUMNS, GROUP_TABLES, GROUP_SCHEMA, parameters).condition(parse(filter));
    }

    private static Filter parse(String filter) {
        checkSize(filter);
        try {
            return Filter.fromString(filter);
        } catch (ScimException | RuntimeException e) {
            throw ScimErrors.invalidFilter("The filter does not parse: " + e.getMessage());
        }
    }

    /**
     * Bounds what the parser, and the condition built from its tree, recurse over: a filter of a few
     * thousand nested brackets overflowed the request thread's stack. Identity providers send filters
     * such as {@code userName eq "…"}.
     */
    private static void checkSize(String filter) {
        if (filter.length() > MAX_FILTER_LENGTH) {
            throw ScimErrors.invalidFilter("The filter is longer than " + MAX_FILTER_LENGTH + " characters");
        }
        QuotedText.walk(filter, null, (i, c, depth) -> {
            if (depth > MAX_FILTER_NESTING) {
                throw ScimErrors.invalidFilter("The filter nests brackets more than " + MAX_FILTER_NESTING + " deep");
            }
        });
    }

    private String condition(Filter filter) {
        FilterType type = filter.getFilterType();
        if (type == FilterType.AND || type == FilterType.OR) {
            String joiner = type == FilterType.AND ? " AND " : " OR ";
            return filter.getCombinedFilters().stream().map(this::condition).collect(Collectors.joining(joiner, "(", ")"));
        }
        if (type == FilterType.NOT) {
            return "NOT (" + condition(filter.getInvertedFilter()) + ")";
        }
        Path path = filter.getAttributePath();
        List<String> names = attributeNames(path);
        if (type == FilterType.COMPLEX_VALUE) {
            ValueTable table = table(names.get(0), path);
            if (names.size() != 1) {
                throw ScimErrors.invalidFilter("Filter " + filter + " names a sub-attribute of a value filter");
            }
            return exists(table, new ScimFilterSql(table.columns(), Map.of(), schema, parameters).condition(filter.getValueFilter()));
        }
        if (names.size() <= 2 && tables.containsKey(names.get(0))) {
            ValueTable table = tables.get(names.get(0));
            String sub = names.size() == 2 ? names.get(1) : table.defaultAttribute();
            Column column = table.columns().get(sub);
            if (column == null) {
                throw ScimErrors.invalidFilter("Filtering on " + path + " is not supported");
            }
            return exists(table, comparison(column, filter));
        }
        Column column = columns.get(String.join(".", names));
        if (column == null) {
            throw ScimErrors.invalidFilter("Filtering on " + path + " is not supported; supported: "
                    + String.join(", ", columns.keySet()) + ", " + String.join(", ", tables.keySet()));
        }
        return comparison(column, filter);
    }

    private ValueTable table(String name, Path path) {
        ValueTable table = tables.get(name);
        if (table == null) {
            throw ScimErrors.invalidFilter("A value filter on " + path + " is not supported");
        }
        return table;
    }

    private static String exists(ValueTable table, String condition) {
        return "EXISTS (SELECT 1 FROM " + table.table() + " " + table.alias() + " WHERE " + table.join() + " AND "
                + condition + ")";
    }

    /** The path's attribute names, lower-cased, without this resource's schema URN. */
    private List<String> attributeNames(Path path) {
        String urn = path.getSchemaUrn();
        if (urn != null && !urn.toLowerCase(Locale.ROOT).equals(schema)) {
            throw ScimErrors.invalidFilter("Filtering on attributes of " + urn + " is not supported");
        }
        List<String> names = new ArrayList<>();
        for (Path.Element element : path.withoutFilters()) {
            names.add(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        if (names.isEmpty()) {
            throw ScimErrors.invalidFilter("A filter must name an attribute");
        }
        return names;
    }

    private String comparison(Column column, Filter filter) {
        FilterType type = filter.getFilterType();
        if (type == FilterType.PRESENT) {
            return column.sql() + " IS NOT NULL";
        }
        Object value = value(column, filter);
        return switch (type) {
            case EQUAL -> column.sql() + " = " + parameter(value);
            case NOT_EQUAL -> "(" + column.sql() + " IS NULL OR " + column.sql() + " <> " + parameter(value) + ")";
            case CONTAINS -> like(column, filter, "%" + escape(value) + "%");
            case STARTS_WITH -> like(column, filter, escape(value) + "%");
            case ENDS_WITH -> like(column, filter, "%" + escape(value));
            case GREATER_THAN -> ordered(column, filter, " > ", value);
            case GREATER_OR_EQUAL -> ordered(column, filter, " >= ", value);
            case LESS_THAN -> ordered(column, filter, " < ", value);
            case LESS_OR_EQUAL -> ordered(column, filter, " <= ", value);
            default -> throw ScimErrors.invalidFilter("Operator of " + filter + " is not supported");
        };
    }

    private Object value(Column column, Filter filter) {
        JsonNode value = filter.getComparisonValue();
        if (value == null || value.isNull()) {
            throw ScimErrors.invalidFilter("Filter " + filter + " compares with null");
        }
        return switch (column.kind()) {
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw ScimErrors.invalidFilter("Filter " + filter + " must compare with true or false");
                }
                yield value.booleanValue();
            }
            case DATE -> {
                try {
                    yield JsonUtils.nodeToDateValue(value).getTime();
                } catch (IllegalArgumentException e) {
                    throw ScimErrors.invalidFilter("Filter " + filter + " must compare with a date-time");
                }
            }
            case CASE_IGNORED -> text(filter, value).toLowerCase(Locale.ROOT);
            case CASE_EXACT -> text(filter, value);
        };
    }

    private static String text(Filter filter, JsonNode value) {
        if (!value.isTextual()) {
            throw ScimErrors.invalidFilter("Filter " + filter + " must compare with a string");
        }
        return value.asText();
    }

    private String like(Column column, Filter filter, String pattern) {
        if (column.kind() == Kind.BOOLEAN || column.kind() == Kind.DATE) {
            throw ScimErrors.invalidFilter("Operator of " + filter + " applies to strings only");
        }
        return column.sql() + " LIKE " + parameter(pattern) + " ESCAPE '\\'";
    }

    private String ordered(Column column, Filter filter, String operator, Object value) {
        if (column.kind() == Kind.BOOLEAN) {
            throw ScimErrors.invalidFilter("Operator of " + filter + " does not apply to booleans");
        }
        return column.sql() + operator + parameter(value);
    }

    private static String escape(Object value) {
        return value.toString().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private String parameter(Object value) {
        parameters.add(value);
        return "?" + parameters.size();
    }
}
