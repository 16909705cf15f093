package dev.grantex.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;

class JsonpTest {
    private static final String TOO_DEEP = "[".repeat(1500) + "]".repeat(1500);

    @Test
    void readsObjectsAndArrays() {
        assertEquals(1, Jsonp.strictObject("{\"a\":1}").getInt("a"));
        assertEquals("x", Jsonp.array("[\"x\"]").getString(0));
    }

    /** Parsson refuses these with a plain RuntimeException or an IllegalStateException; callers catch JsonException. */
    @Test
    void whateverCannotBeReadIsAJsonException() {
        for (String json : new String[] {"{\"a\":" + TOO_DEEP + "}", "[]", "{\"a\":1,\"a\":2}", "{", "7"}) {
            assertThrows(JsonException.class, () -> Jsonp.strictObject(json), json);
        }
        for (String json : new String[] {TOO_DEEP, "{}", "[", "\"x\""}) {
            assertThrows(JsonException.class, () -> Jsonp.array(json), json);
        }
    }
}
