package dev.grantex.passports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {
    @Test
    void knownVectors() {
        // From the base58 draft (draft-msporny-base58): "Hello World!" and leading zero bytes.
        assertEquals("2NEpo7TZRRrLZSi2U", Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("11233QC4", Base58.encode(new byte[] {0, 0, 40, 127, (byte) 180, (byte) 205}));
        assertEquals("", Base58.encode(new byte[0]));
        assertArrayEquals(new byte[] {0, 0, 40, 127, (byte) 180, (byte) 205}, Base58.decode("11233QC4"));
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && i % 3 == 0) {
                bytes[0] = 0;
            }
            assertArrayEquals(bytes, Base58.decode(Base58.encode(bytes)));
        }
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> Base58.decode("0OIl"));
    }
}
