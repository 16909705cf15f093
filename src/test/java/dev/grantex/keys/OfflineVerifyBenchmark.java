package dev.grantex.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Offline verification of a grant token: the server's own check (Rs256JwtVerifier, built once per
 * set of published keys as the server builds it) beside a bare JCA RS256 signature check of the same token, the
 * physical limit of this machine. Run by bench/run; not a unit test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OfflineVerifyBenchmark {
    private static final String ISSUER = "https://grantex.example.com";

    private Rs256JwtVerifier verifier;
    private PublicKey publicKey;
    private String token;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = KeyMaterial.generate(SigningKey.RS256);
        PublicJsonWebKey jwk = KeyMaterial.publicJwk(SigningKey.RS256, pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        verifier = new Rs256JwtVerifier(List.of(jwk), ISSUER);
        publicKey = pair.getPublic();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("user_123");
        claims.setClaim("agt", "did:grantex:ag_01HXYZ123456789ABCDEFGHJKM");
        claims.setClaim("dev", "dev_01HXYZ123456789ABCDEFGHJK");
        claims.setStringListClaim("scp", "calendar:read", "payments:initiate:max_500");
        claims.setJwtId("tok_01HXYZ123456789ABCDEFGHJK");
        claims.setClaim("grnt", "grnt_01HXYZ123456789ABCDEFGHJK");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 86_400));
        token = SignedJwts.sign(claims, jwk);
        int lastDot = token.lastIndexOf('.');
        signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        if (!bareJca() || project().isEmpty()) {
            throw new IllegalStateException("the token does not verify");
        }
    }

    @Benchmark
    public Optional<Rs256JwtVerifier.Verified> project() {
        return verifier.verify(token, Instant.now());
    }

    @Benchmark
    public boolean bareJca() throws GeneralSecurityException {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update(signingInput);
        return rs256.verify(signature);
    }
}
