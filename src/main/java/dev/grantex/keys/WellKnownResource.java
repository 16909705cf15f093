package dev.grantex.keys;

import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.ratelimit.NoRateLimit;
import dev.grantex.platform.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jose4j.jwk.PublicJsonWebKey;

/** The public key documents: JWKS for grant-token verifiers and the did:web document. */
@Path("/.well-known")
@ApplicationScoped
@PublicEndpoint
@Tag(name = "Keys")
public class WellKnownResource {
    @Inject
    KeyRing keyRing;

    @Inject
    PublicUrl publicUrl;

    @Inject
    ServerDid serverDid;

    @GET
    @Path("jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @NoRateLimit
    @SecurityRequirements
    @Operation(summary = "The RS256 public keys that sign grant tokens (active and still-valid previous)",
            description = "Only RSA keys are listed. Not rate limited.")
    public Response jwks() {
        return Response.ok(keyRing.jwksJson())
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    @GET
    @Path("did.json")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "The server's did:web document (RSA and Ed25519 verification methods)")
    public Response didDocument() {
        String did = serverDid.did();
        List<PublicJsonWebKey> keys = new ArrayList<>(keyRing.publishedRsaKeys());
        keys.add(keyRing.ed25519Key());
        JsonArrayBuilder methods = Jsonp.arrayBuilder();
        JsonArrayBuilder ids = Jsonp.arrayBuilder();
        for (PublicJsonWebKey key : keys) {
            String id = did + "#" + key.getKeyId();
            methods.add(Jsonp.objectBuilder()
                    .add("id", id)
                    .add("type", "JsonWebKey2020")
                    .add("controller", did)
                    .add("publicKeyJwk", parse(KeyMaterial.publicJson(key))));
            ids.add(id);
        }
        var idList = ids.build();
        JsonObjectBuilder document = Jsonp.objectBuilder()
                .add("@context", Jsonp.arrayBuilder()
                        .add("https://www.w3.org/ns/did/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1"))
                .add("id", did)
                .add("verificationMethod", methods)
                .add("authentication", idList)
                .add("assertionMethod", idList)
                .add("service", Jsonp.arrayBuilder()
                        .add(service(did + "#jwks", "JsonWebKeySet", publicUrl.origin() + "/.well-known/jwks.json"))
                        .add(service(did + "#grant-protocol", "GrantexProtocol", publicUrl.origin() + "/v1")));
        return Response.ok(document.build().toString()).build();
    }

    private static JsonObjectBuilder service(String id, String type, String endpoint) {
        return Jsonp.objectBuilder().add("id", id).add("type", type).add("serviceEndpoint", endpoint);
    }

    private static JsonObject parse(String json) {
        try (var reader = Jsonp.reader(json)) {
            return reader.readObject();
        }
    }
}
