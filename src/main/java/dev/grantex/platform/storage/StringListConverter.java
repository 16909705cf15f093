package dev.grantex.platform.storage;

import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Stores a list of strings (scopes, events) as a JSON array in a text column, on every database. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {
    @Override
    public String convertToDatabaseColumn(List<String> values) {
        JsonArrayBuilder array = Jsonp.arrayBuilder();
        if (values != null) {
            values.forEach(array::add);
        }
        return array.build().toString();
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try (var reader = Jsonp.reader(json)) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
