package dev.grantex.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    private static SecretBox box(Optional<String> key, Path keyFile) {
        SecretBox box = new SecretBox();
        box.configuredKey = key;
        box.keyFile = keyFile.toString();
        box.loadKey();
        return box;
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void sealsAndOpensWithAConfiguredKey(@TempDir Path dir) {
        SecretBox box = box(Optional.of(randomKey()), dir.resolve("unused"));
        String sealed = box.seal("secret value");
        assertNotEquals(box.seal("secret value"), sealed, "a fresh IV every time");
        assertEquals("secret value", box.open(sealed));
    }

    @Test
    void anotherKeyCannotOpen(@TempDir Path dir) {
        String sealed = box(Optional.of(randomKey()), dir.resolve("a")).seal("x");
        SecretBox other = box(Optional.of(randomKey()), dir.resolve("b"));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> other.open(sealed));
        assertTrue(error.getMessage().contains("GRANTEX_ENCRYPTION_KEY"));
    }

    @Test
    void generatesAKeyFileOnceAndReusesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grantex-encryption.key");
        String sealed = box(Optional.empty(), file).seal("kept");
        assertTrue(Files.exists(file));
        assertEquals("kept", box(Optional.empty(), file).open(sealed));
    }

    @Test
    void rejectsKeysOfTheWrongSize(@TempDir Path dir) {
        assertThrows(IllegalStateException.class, () -> box(Optional.of("c2hvcnQ="), dir.resolve("x")));
        assertThrows(IllegalStateException.class, () -> box(Optional.of("%%%"), dir.resolve("y")));
    }
}
