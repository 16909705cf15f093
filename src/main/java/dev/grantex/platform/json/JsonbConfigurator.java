package dev.grantex.platform.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Response serialisation: null values are written, because the contract's objects keep keys such as
 * prevHash or email present with null. A field that must be left out when absent is marked
 * {@code @JsonbNillable(false)}.
 */
@Provider
public class JsonbConfigurator implements ContextResolver<Jsonb> {
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    /** The same serialisation, for a response that writes some of its parts itself (a streamed export). */
    public static Jsonb shared() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
