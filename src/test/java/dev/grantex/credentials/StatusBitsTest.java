package dev.grantex.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBitsTest {
    @Test
    void anEmptyListHolds131072ClearBits() {
        byte[] bits = StatusBits.decode(StatusBits.empty());
        assertEquals(16_384, bits.length);
        for (byte b : bits) {
            assertEquals(0, b);
        }
        assertFalse(StatusBits.empty().contains("="), "base64url without padding");
    }

    @Test
    void bitsAreCountedFromTheMostSignificantBitOfEachByte() {
        byte[] bits = StatusBits.decode(StatusBits.withSet(StatusBits.empty(), List.of(0, 9, 131_071)));
        assertEquals((byte) 0x80, bits[0]);
        assertEquals((byte) 0x40, bits[1]);
        assertEquals((byte) 0x01, bits[16_383]);
        assertEquals(3, countSet(bits));
    }

    @Test
    void settingIsIdempotentAndReadBack() {
        String once = StatusBits.withSet(StatusBits.empty(), List.of(42));
        String twice = StatusBits.withSet(once, List.of(42));
        assertArrayEquals(StatusBits.decode(once), StatusBits.decode(twice));
        assertTrue(StatusBits.isSet(twice, 42));
        assertFalse(StatusBits.isSet(twice, 41));
        assertFalse(StatusBits.isSet(twice, 43));
    }

    private static int countSet(byte[] bits) {
        int count = 0;
        for (byte b : bits) {
            count += Integer.bitCount(b & 0xff);
        }
        return count;
    }
}
