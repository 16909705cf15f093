package dev.grantex.platform.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a statement that binds a list of ids ({@code … IN :ids}) a slice at a time: a statement binds
 * a bounded number of parameters (PostgreSQL's protocol at most 65,535), and a long-lived agent can
 * have more grants than that.
 */
public final class IdSlices {
    static final int SIZE = 1000;

    private IdSlices() {
    }

    public static void forEach(Collection<String> ids, Consumer<List<String>> statement) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += SIZE) {
            statement.accept(all.subList(from, Math.min(all.size(), from + SIZE)));
        }
    }

    /** The rows a query finds for all the ids, querying a slice at a time. */
    public static <T> List<T> query(Collection<String> ids, Function<List<String>, List<T>> query) {
        List<T> found = new ArrayList<>();
        forEach(ids, slice -> found.addAll(query.apply(slice)));
        return found;
    }
}
