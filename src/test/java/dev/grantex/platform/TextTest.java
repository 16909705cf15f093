package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void percentDecodingIsStrictUtf8() {
        assertEquals("élève", Text.percentDecoded("%C3%A9l%C3%A8ve", true));
        assertEquals("a b", Text.percentDecoded("a+b", true));
        assertEquals("a+b", Text.percentDecoded("a+b", false));
        assertEquals("plain", Text.percentDecoded("plain", true));
        assertNull(Text.percentDecoded("%FF", true), "not UTF-8");
        assertNull(Text.percentDecoded("%C3", true), "truncated sequence");
        assertNull(Text.percentDecoded("%ED%A0%80", true), "an encoded surrogate");
        assertNull(Text.percentDecoded("%zz", true), "not an escape");
        assertNull(Text.percentDecoded("%4", true), "cut short");
    }

    @Test
    void controlCharacters() {
        assertTrue(Text.hasControlCharacter("a\u0000", false));
        assertTrue(Text.hasControlCharacter("a\u001b[31m", false));
        assertTrue(Text.hasControlCharacter("\u007f", false));
        assertTrue(Text.hasControlCharacter("\u0085", false));
        assertFalse(Text.hasControlCharacter("tab\tcr\rlf\n", false));
        assertTrue(Text.hasControlCharacter("tab\t", true));
        assertFalse(Text.hasControlCharacter("émoji 😀 ¡", true));
    }

    @Test
    void strictUtf8RefusesWhatALenientDecoderWouldReplace() throws CharacterCodingException {
        assertEquals("ok é", Text.strictUtf8("ok é".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CharacterCodingException.class, () -> Text.strictUtf8(new byte[] {(byte) 0xC3, 0x28}));
        assertThrows(CharacterCodingException.class, () -> Text.strictUtf8(new byte[] {(byte) 0xC0, (byte) 0xAF}));
    }

    @Test
    void asciiIsTheFastPath() {
        assertTrue(Text.ascii("{\"token\":\"eyJ.x-_\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Text.ascii("é".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Text.ascii(new byte[] {(byte) 0xFF}));
    }

    @Test
    void storable() {
        assertTrue(Text.storable("emoji 😀"));
        assertFalse(Text.storable("nul \u0000"));
        assertFalse(Text.storable("half \ud800"));
    }
}
