package dev.grantex.platform.crypto;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * AES-256-GCM for secrets at rest (signing keys, SSO secrets, and later vault tokens). The key is
 * GRANTEX_ENCRYPTION_KEY (base64 of 32 bytes). Without it a key is generated once into a file beside
 * the server, which suits a single node; every node of a cluster needs the same configured key.
 * Sealed form: base64(iv ‖ ciphertext ‖ tag).
 */
@ApplicationScoped
public class SecretBox {
    private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    @ConfigProperty(name = "grantex.encryption.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "grantex.encryption.key-file", defaultValue = "grantex-encryption.key")
    String keyFile;

    private SecretKeySpec key;

    @PostConstruct
    void loadKey() {
        key = new SecretKeySpec(keyBytes(), "AES");
    }

    public String seal(String plaintext) {
        try {
            byte[] iv = RandomBytes.of(IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * A key for one purpose (such as signing SSO state), derived from the encryption key, so every
     * node that shares that key derives the same one and nothing else needs configuring.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    public String open(String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted with this encryption key. "
                    + "Every node must run with the GRANTEX_ENCRYPTION_KEY the secrets were stored with.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private byte[] keyBytes() {
        Optional<String> configured = configuredKey.map(String::trim).filter(k -> !k.isEmpty());
        if (configured.isPresent()) {
            return decodeKey(configured.get(), "GRANTEX_ENCRYPTION_KEY");
        }
        Path file = Path.of(keyFile).toAbsolutePath();
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).trim(), file.toString());
            }
            byte[] generated = RandomBytes.of(32);
            createOwnerOnly(file);
            Files.writeString(file, Base64.getEncoder().encodeToString(generated), StandardOpenOption.WRITE);
            LOG.warning("GRANTEX_ENCRYPTION_KEY is not set: generated an encryption key in " + file
                    + ". Fine for one node; a cluster must configure the same key on every node.");
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the encryption key file " + file, e);
        }
    }

    /** Creates the file readable by its owner only from the start (where the file system has POSIX permissions). */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (base64), found " + bytes.length);
        }
        return bytes;
    }
}
