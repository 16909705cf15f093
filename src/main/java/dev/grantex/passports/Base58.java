package dev.grantex.passports;

import java.math.BigInteger;
import java.util.Arrays;

/** Base58 in the Bitcoin alphabet (multibase "z"), for Data Integrity proof values. */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] divided = value.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(divided[1].intValue()));
            value = divided[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    /** The bytes, or an IllegalArgumentException for a character outside the alphabet. */
    static byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("not base58: " + c);
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        if (magnitude.length > 1 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        byte[] out = new byte[zeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
        return out;
    }
}
