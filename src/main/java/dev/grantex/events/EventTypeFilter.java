package dev.grantex.events;

import dev.grantex.platform.errors.ApiException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Which event types a stream client asked for; all of them unless it named some. */
public final class EventTypeFilter {
    private static final EventTypeFilter ALL = new EventTypeFilter(EnumSet.allOf(EventType.class));

    private final Set<EventType> types;

    private EventTypeFilter(Set<EventType> types) {
        this.types = types;
    }

    public static EventTypeFilter all() {
        return ALL;
    }

    /** The SSE form: a comma-separated list of wire names ({@code ?types=grant.created,grant.revoked}). */
    public static EventTypeFilter parseList(String commaSeparated) {
        if (commaSeparated == null) {
            return ALL;
        }
        return of(Arrays.asList(commaSeparated.split(",", -1)));
    }

    /** The named types; an empty collection means every type. 400 naming an unknown type. */
    public static EventTypeFilter of(Collection<String> names) {
        if (names.isEmpty()) {
            return ALL;
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            String trimmed = name.trim();
            types.add(EventType.fromWireName(trimmed).orElseThrow(() -> ApiException.badRequest(
                    trimmed.isEmpty() ? "types: empty event type in the list"
                            : "types: unknown event type '" + trimmed + "'")));
        }
        return new EventTypeFilter(types);
    }

    public boolean accepts(EventType type) {
        return types.contains(type);
    }
}
