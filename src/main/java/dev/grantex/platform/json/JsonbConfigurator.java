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
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
