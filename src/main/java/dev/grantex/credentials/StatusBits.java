package dev.grantex.credentials;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bitstring of a StatusList2021 credential, in its published encoding: GZIP, then base64url
 * without padding. Bit i lives in byte i/8 under mask 0x80 >> (i % 8) (most significant bit first).
 */
final class StatusBits {
    static final int SIZE = 131_072;

    private StatusBits() {
    }

    static String empty() {
        return encode(new byte[SIZE / 8]);
    }

    /** The encoded list with the given bits set. */
    static String withSet(String encoded, Iterable<Integer> indexes) {
        byte[] bits = decode(encoded);
        for (int index : indexes) {
            bits[index / 8] |= (byte) (0x80 >>> (index % 8));
        }
        return encode(bits);
    }

    static boolean isSet(String encoded, int index) {
        return (decode(encoded)[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    static String encode(byte[] bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    static byte[] decode(String encoded) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded)))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
