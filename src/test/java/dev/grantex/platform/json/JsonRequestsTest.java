package dev.grantex.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.platform.errors.ApiException;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRequestsTest {
    record Sample(String name, Boolean flag, Integer count, Long big, List<String> tags, JsonObject meta) {
    }

    private static String messageOf(String body) {
        return assertThrows(ApiException.class, () -> JsonRequests.bind(body, Sample.class)).getMessage();
    }

    @Test
    void bindsEveryDeclaredType() {
        Sample s = JsonRequests.bind("{\"name\":\"n\",\"flag\":true,\"count\":3,\"big\":12345678901,"
                + "\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":1},\"ignored\":[1]}", Sample.class);
        assertEquals(new Sample("n", true, 3, 12345678901L, List.of("a", "b"), s.meta()), s);
        assertEquals(1, s.meta().getInt("k"));
    }

    @Test
    void emptyAndBlankBodiesReadAsAnEmptyObject() {
        assertEquals(new Sample(null, null, null, null, null, null), JsonRequests.bind("", Sample.class));
        assertEquals(new Sample(null, null, null, null, null, null), JsonRequests.bind("  \n", Sample.class));
        assertEquals(new Sample(null, null, null, null, null, null), JsonRequests.bind((String) null, Sample.class));
    }

    @Test
    void explicitNullIsAbsent() {
        assertNull(JsonRequests.bind("{\"name\":null}", Sample.class).name());
    }

    @Test
    void wrongTypesNameTheField() {
        assertEquals("'name' must be a string", messageOf("{\"name\":1}"));
        assertEquals("'flag' must be true or false", messageOf("{\"flag\":\"true\"}"));
        assertEquals("'count' must be an integer", messageOf("{\"count\":1.5}"));
        assertEquals("'count' must be an integer in range", messageOf("{\"count\":99999999999}"));
        assertEquals("'tags' must be an array", messageOf("{\"tags\":\"a\"}"));
        assertEquals("'tags[1]' must be a string", messageOf("{\"tags\":[\"a\",{}]}"));
        assertEquals("'tags[0]' must be a non-null value", messageOf("{\"tags\":[null]}"));
        assertEquals("'meta' must be a JSON object", messageOf("{\"meta\":[]}"));
    }

    @Test
    void objectsHoldOnlyStorableKeysAndStringsAtAnyDepth() {
        String refused = "'meta' must not contain NUL characters or unpaired surrogates";
        assertEquals(refused, messageOf("{\"meta\":{\"\\ud800\":1,\"\\udc00\":2}}"));
        assertEquals(refused, messageOf("{\"meta\":{\"a\":{\"b\":[1,\"x\\udc00\"]}}}"));
        assertEquals(refused, messageOf("{\"meta\":{\"a\":[[{\"nul\\u0000\":true}]]}}"));
        assertEquals("bell\u0007 and a pair \ud83d\ude00", JsonRequests.bind(
                "{\"meta\":{\"a\":[\"bell\\u0007 and a pair \\ud83d\\ude00\"]}}", Sample.class)
                .meta().getJsonArray("a").getString(0));
    }

    @Test
    void malformedAndNonObjectBodiesAreRejected() {
        assertTrue(messageOf("{\"name\":").startsWith("Malformed JSON body: "));
        assertTrue(!messageOf("{\"name\":").contains("\n"));
        assertEquals("Request body must be a JSON object", messageOf("[]"));
        assertEquals("Request body must be a JSON object", messageOf("\"text\""));
    }
}
