package dev.grantex.platform;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The one definition of text a client may send: valid UTF-8, storable, and which control characters pass. */
public final class Text {
    private Text() {
    }

    /** Text every database keeps exactly: no NUL, and no UTF-16 surrogate without its pair. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text holds a control character (C0, DEL or C1); tab, CR and LF count only when
     * {@code lineBreaksToo}. Names and identifiers never need one, and they corrupt logs and pages.
     */
    public static boolean hasControlCharacter(String text, boolean lineBreaksToo) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespace = c == '\t' || c == '\r' || c == '\n';
            if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && (lineBreaksToo || !whitespace)) {
                return true;
            }
        }
        return false;
    }

    /** The text, or its first {@code max} - 1 code points and "…" when it has more than {@code max}. */
    public static String shortened(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** Whether every byte is ASCII, which is always valid UTF-8 (the common case, checked without decoding). */
    public static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes as UTF-8, refusing malformed sequences instead of replacing them with U+FFFD. */
    public static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * A percent-encoded URL component decoded as UTF-8 ('+' as a space when {@code plusIsSpace}, as
     * in a query), or {@code null} when an escape or the UTF-8 it spells is malformed.
     */
    public static String percentDecoded(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return strictUtf8(bytes.toByteArray());
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
