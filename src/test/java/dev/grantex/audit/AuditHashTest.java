package dev.grantex.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The contract's §5.1 vectors, byte for byte, and JSON.stringify's corner cases. */
class AuditHashTest {
    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    @Test
    void firstVector() {
        assertEquals("a1885baefd24b842333d6f54f6ceec8ee0b8905073a2499b44b3d115f79b3615",
                AuditHash.of("alog_001", "ag_001", "did:grantex:ag_001", "grnt_001", "user_001", "dev_001", "invoke",
                        "{}", "2026-01-01T00:00:00.000Z", null, "success"));
    }

    @Test
    void chainedVectors() {
        String metadata = CanonicalJson.of(json(
                "{\"merchant\":\"Air India\",\"amount\":420,\"currency\":\"USD\",\"nested\":{\"z\":true,\"a\":[3,1.5,null]}}"));
        assertEquals("{\"amount\":420,\"currency\":\"USD\",\"merchant\":\"Air India\",\"nested\":{\"a\":[3,1.5,null],\"z\":true}}",
                metadata);
        String first = AuditHash.of("alog_01JAAAAAAAAAAAAAAAAAAAAAAA", "ag_01JBBBBBBBBBBBBBBBBBBBBBBB",
                "did:grantex:ag_01JBBBBBBBBBBBBBBBBBBBBBBB", "grnt_01JCCCCCCCCCCCCCCCCCCCCCCC", "user_1",
                "dev_01JDDDDDDDDDDDDDDDDDDDDDDD", "payment.initiated", metadata, "2026-02-01T12:34:56.789Z", null, "success");
        assertEquals("6b2a00774dc722e1f7f3d63c8c97f5355e7b1d439d399b55753e8f80e60e589d", first);
        assertEquals("76c7943dcacebcabd1f39acc8f45075faaa3c666a97e688c99980d71a2ead796",
                AuditHash.of("alog_01JAAAAAAAAAAAAAAAAAAAAAAB", "ag_01JBBBBBBBBBBBBBBBBBBBBBBB",
                        "did:grantex:ag_01JBBBBBBBBBBBBBBBBBBBBBBB", "grnt_01JCCCCCCCCCCCCCCCCCCCCCCC", "user_1",
                        "dev_01JDDDDDDDDDDDDDDDDDDDDDDD", "email.sent", "{}", "2026-02-01T12:35:00.000Z", first, "failure"));
    }

    @Test
    void numbersAsJavaScriptWritesThem() {
        assertEquals("420", CanonicalJson.number(420));
        assertEquals("1.5", CanonicalJson.number(1.5));
        assertEquals("5.5", CanonicalJson.number(5.50));
        assertEquals("-0.1", CanonicalJson.number(-0.1));
        assertEquals("0.000001", CanonicalJson.number(0.000001));
        assertEquals("1e-7", CanonicalJson.number(1e-7));
        assertEquals("1e+21", CanonicalJson.number(1e21));
        assertEquals("123456789012345680000", CanonicalJson.number(123456789012345678901.0));
        assertEquals("1.7976931348623157e+308", CanonicalJson.number(Double.MAX_VALUE));
        assertEquals("5e-324", CanonicalJson.number(Double.MIN_VALUE));
        assertEquals("0.30000000000000004", CanonicalJson.number(0.1 + 0.2));
        assertEquals("0", CanonicalJson.number(-0.0));
        assertEquals("null", CanonicalJson.number(Double.NaN));
    }

    @Test
    void stringsAsJavaScriptWritesThem() {
        assertEquals("\"a\\\"b\\\\c/d\"", CanonicalJson.string("a\"b\\c/d"));
        assertEquals("\"\\b\\f\\n\\r\\t\\u001f\\u0000\"", CanonicalJson.string("\b\f\n\r\t\u001f\u0000"));
        assertEquals("\"é\u2028😀\"", CanonicalJson.string("é\u2028😀"));
        assertEquals("\"\\ud800x\"", CanonicalJson.string("\ud800x"));
        assertEquals("\"x\\udc00\"", CanonicalJson.string("x\udc00"));
    }

    @Test
    void objectKeysSortByCodeUnits() {
        assertEquals("{\"B\":1,\"a\":2,\"é\":3}", CanonicalJson.of(json("{\"é\":3,\"a\":2,\"B\":1}")));
    }
}
