package dev.grantex.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v1/scim/tokens and /scim/v2 (contract §2.13, RFC 7643/7644) over HTTP, as identity providers send it. */
class ScimIT {
    private static final String SCIM_JSON = "application/scim+json";

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final Api scim = Api.withKey(token(developer));

    static String token(TestDeveloper developer) {
        return developer.api().post("/v1/scim/tokens", "{\"label\":\"Okta\"}").expect(201).json().getString("token");
    }

    private static String filter(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonObject createUser(String userName, String extra) {
        return scim.post("/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName + "\"" + extra + "}").expect(201).json();
    }

    private List<String> userNamesMatching(String filter) {
        return scim.get("/scim/v2/Users?filter=" + filter(filter)).expect(200).json().getJsonArray("Resources")
                .getValuesAs(JsonObject.class).stream().map(u -> u.getString("userName")).sorted().toList();
    }

    private static void assertScimError(Reply reply, int status, String scimType) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").orElse("").startsWith(SCIM_JSON), reply.header("Content-Type").toString());
        JsonObject error = reply.json();
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", error.getJsonArray("schemas").getString(0));
        assertEquals(status, error.getInt("status"));
        if (scimType != null) {
            assertEquals(scimType, error.getString("scimType"), reply.body());
        }
    }

    @Test
    void tokensAreShownOnceListedAndRevoked() {
        JsonObject created = developer.api().post("/v1/scim/tokens", "{\"label\":\"Entra ID\"}").expect(201).json();
        assertTrue(created.getString("id").matches("scimtok_[0-9A-Z]{26}"));
        assertTrue(created.getString("token").matches("[0-9a-f]{64}"));
        JsonObject listed = developer.api().get("/v1/scim/tokens").expect(200).json().getJsonArray("tokens")
                .getValuesAs(JsonObject.class).stream().filter(t -> t.getString("id").equals(created.getString("id")))
                .findFirst().orElseThrow();
        assertEquals("Entra ID", listed.getString("label"));
        assertFalse(listed.containsKey("token"));
        assertTrue(listed.isNull("lastUsedAt"));
        Api entra = Api.withKey(created.getString("token"));
        entra.get("/scim/v2/Users").expect(200);

        assertEquals(404, TestDeveloper.create("enterprise").api().delete("/v1/scim/tokens/" + created.getString("id")).status());
        developer.api().delete("/v1/scim/tokens/" + created.getString("id")).expect(204);
        assertScimError(entra.get("/scim/v2/Users"), 401, "unauthorized");
        assertScimError(Api.anonymous().get("/scim/v2/Users"), 401, "unauthorized");
        assertScimError(developer.api().get("/scim/v2/Users"), 401, "unauthorized");
        assertEquals(400, developer.api().post("/v1/scim/tokens", "{}").status());
        assertEquals(401, scim.get("/v1/scim/tokens").status(), "a SCIM token is not an API key");
    }

    @Test
    void theServiceProviderConfigIsPublicAndSaysWhatIsSupported() {
        Reply reply = Api.anonymous().get("/scim/v2/ServiceProviderConfig").expect(200);
        assertTrue(reply.header("Content-Type").orElse("").startsWith(SCIM_JSON));
        JsonObject config = reply.json();
        assertTrue(config.getJsonObject("patch").getBoolean("supported"));
        assertTrue(config.getJsonObject("filter").getBoolean("supported"));
        assertEquals(200, config.getJsonObject("filter").getInt("maxResults"));
        assertTrue(config.getJsonObject("etag").getBoolean("supported"));
        assertFalse(config.getJsonObject("bulk").getBoolean("supported"));
        assertFalse(config.getJsonObject("sort").getBoolean("supported"));
        assertEquals("oauthbearertoken", config.getJsonArray("authenticationSchemes").getJsonObject(0).getString("type"));

        JsonObject types = scim.get("/scim/v2/ResourceTypes").expect(200).json();
        assertEquals(2, types.getInt("totalResults"));
        assertEquals("/Users", scim.get("/scim/v2/ResourceTypes/User").expect(200).json().getString("endpoint"));
        JsonObject schemas = scim.get("/scim/v2/Schemas").expect(200).json();
        assertEquals(3, schemas.getInt("totalResults"));
        assertEquals("User", scim.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").expect(200).json()
                .getString("name"));
        assertScimError(scim.get("/scim/v2/Schemas/urn:nope"), 404, "noTarget");
    }

    @Test
    void usersAreCreatedReadReplacedAndRemovedWithETagsAndCaseInsensitiveUniqueness() {
        Reply created = scim.post("/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"Alice@Example.com\",\"externalId\":\"00u1\",\"name\":{\"givenName\":\"Alice\"},"
                + "\"emails\":[{\"value\":\"alice@example.com\",\"type\":\"work\",\"primary\":true}],\"password\":\"secret\","
                + "\"id\":\"chosen-by-client\"}").expect(201);
        assertTrue(created.header("Content-Type").orElse("").startsWith(SCIM_JSON));
        JsonObject user = created.json();
        String id = user.getString("id");
        assertTrue(id.matches("scimuser_[0-9A-Z]{26}"), id);
        assertTrue(user.getBoolean("active"), "active defaults to true");
        assertEquals("Alice", user.getJsonObject("name").getString("givenName"), "attributes are kept as sent");
        assertFalse(user.containsKey("password"), "a password is never stored or answered");
        JsonObject meta = user.getJsonObject("meta");
        assertEquals("User", meta.getString("resourceType"));
        assertEquals(created.header("Location").orElseThrow(), meta.getString("location"));
        assertTrue(meta.getString("location").endsWith("/scim/v2/Users/" + id));
        assertEquals(created.header("ETag").orElseThrow(), meta.getString("version"));

        assertScimError(scim.post("/scim/v2/Users", "{\"userName\":\"alice@example.COM\"}"), 409, "uniqueness");
        JsonObject read = scim.get("/scim/v2/Users/" + id).expect(200).json();
        assertEquals("Alice@Example.com", read.getString("userName"));

        String etag = meta.getString("version");
        Reply replaced = Api.send(Api.request("/scim/v2/Users/" + id).header("Authorization", "Bearer " + token(developer))
                .header("Content-Type", SCIM_JSON + "; charset=utf-8").header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"userName\":\"alice@example.com\",\"displayName\":\"Alice A\"}")));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("Alice A", replaced.json().getString("displayName"));
        assertNotEquals(etag, replaced.json().getJsonObject("meta").getString("version"));
        assertFalse(replaced.json().containsKey("externalId"), "PUT replaces the whole document");
        Reply stale = Api.send(Api.request("/scim/v2/Users/" + id).header("Authorization", "Bearer " + token(developer))
                .header("Content-Type", SCIM_JSON).header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Stale\"}]}")));
        assertEquals(412, stale.status(), stale.body());
        assertEquals("Alice A", scim.get("/scim/v2/Users/" + id).expect(200).json().getString("displayName"));

        TestDeveloper other = TestDeveloper.create("enterprise");
        Api otherScim = Api.withKey(token(other));
        assertScimError(otherScim.get("/scim/v2/Users/" + id), 404, "noTarget");
        assertScimError(otherScim.put("/scim/v2/Users/" + id, "{\"userName\":\"x\"}"), 404, "noTarget");
        assertScimError(otherScim.patch("/scim/v2/Users/" + id,
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}"), 404, "noTarget");
        assertScimError(otherScim.delete("/scim/v2/Users/" + id), 404, "noTarget");
        assertEquals(0, otherScim.get("/scim/v2/Users").expect(200).json().getInt("totalResults"));
        otherScim.post("/scim/v2/Users", "{\"userName\":\"alice@example.com\"}").expect(201);

        scim.delete("/scim/v2/Users/" + id).expect(204);
        assertScimError(scim.get("/scim/v2/Users/" + id), 404, "noTarget");
    }

    @Test
    void filtersFindUsersByTheAttributesProvidersLookThemUpBy() {
        createUser("bob@example.com", ",\"externalId\":\"okta-bob\",\"displayName\":\"Bob Builder\","
                + "\"emails\":[{\"value\":\"Bob@Work.example\",\"type\":\"work\"},{\"value\":\"bob@home.example\",\"type\":\"home\"}]");
        createUser("carol@example.com", ",\"externalId\":\"okta-carol\",\"displayName\":\"Carol\",\"active\":false,"
                + "\"emails\":[{\"value\":\"carol@work.example\",\"type\":\"work\"}]");
        createUser("dave@other.example", ",\"displayName\":\"Dave\"");

        assertEquals(List.of("bob@example.com"), userNamesMatching("userName eq \"BOB@example.com\""));
        assertEquals(List.of("carol@example.com"), userNamesMatching("externalId eq \"okta-carol\""));
        assertEquals(List.of(), userNamesMatching("externalId eq \"OKTA-CAROL\""), "externalId is case-exact");
        assertEquals(List.of("bob@example.com", "carol@example.com"), userNamesMatching("userName co \"@example.com\""));
        assertEquals(List.of("dave@other.example"), userNamesMatching("userName sw \"dave\""));
        assertEquals(List.of("dave@other.example"), userNamesMatching("userName ew \".example\""));
        assertEquals(List.of("bob@example.com"), userNamesMatching("emails.value eq \"bob@work.example\""));
        assertEquals(List.of("bob@example.com"), userNamesMatching("emails eq \"bob@home.example\""));
        assertEquals(List.of("bob@example.com", "carol@example.com"),
                userNamesMatching("emails[type eq \"work\" and value co \"work.example\"]"));
        assertEquals(List.of("carol@example.com"), userNamesMatching("active eq false"));
        assertEquals(List.of("bob@example.com", "dave@other.example"), userNamesMatching("not (active eq false)"));
        assertEquals(List.of("bob@example.com", "carol@example.com"), userNamesMatching("externalId pr"));
        assertEquals(List.of("bob@example.com", "dave@other.example"),
                userNamesMatching("displayName sw \"bob\" or displayName eq \"DAVE\""));
        assertEquals(3, userNamesMatching("meta.lastModified gt \"2020-01-01T00:00:00Z\"").size());
        assertEquals(0, userNamesMatching("meta.lastModified ge \"2999-01-01T00:00:00Z\"").size());
        assertEquals(List.of("bob@example.com"),
                userNamesMatching("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bob@example.com\""));

        JsonObject page = scim.get("/scim/v2/Users?startIndex=2&count=1").expect(200).json();
        assertEquals(3, page.getInt("totalResults"));
        assertEquals(2, page.getInt("startIndex"));
        assertEquals(1, page.getInt("itemsPerPage"));
        assertEquals("carol@example.com", page.getJsonArray("Resources").getJsonObject(0).getString("userName"));
        JsonObject counted = scim.get("/scim/v2/Users?count=0").expect(200).json();
        assertEquals(3, counted.getInt("totalResults"));
        assertEquals(0, counted.getJsonArray("Resources").size());
        JsonObject projected = scim.get("/scim/v2/Users?attributes=userName&filter=" + filter("userName eq \"dave@other.example\""))
                .expect(200).json().getJsonArray("Resources").getJsonObject(0);
        assertEquals(List.of("id", "schemas", "userName"), projected.keySet().stream().sorted().toList());

        for (String bad : List.of("userName eq", "userName xx \"a\"", "(userName eq \"a\"", "password eq \"x\"",
                "name.givenName eq \"Bob\"", "active eq \"yes\"", "meta.created gt \"yesterday\"", "userName gt true")) {
            assertScimError(scim.get("/scim/v2/Users?filter=" + filter(bad)), 400, "invalidFilter");
        }
        assertScimError(scim.get("/scim/v2/Users?startIndex=first"), 400, "invalidValue");
        for (String beyond : List.of("2147483648", "3000000000", "9223372036854775807")) {
            JsonObject past = scim.get("/scim/v2/Users?startIndex=" + beyond).expect(200).json();
            assertEquals(3, past.getInt("totalResults"), beyond);
            assertEquals(0, past.getJsonArray("Resources").size(), beyond);
        }
        // The parser recurses once per bracket: a few thousand overflowed the request thread's stack.
        assertScimError(scim.get("/scim/v2/Users?filter=" + filter("(".repeat(40) + "userName eq \"a\"" + ")".repeat(40))),
                400, "invalidFilter");
        assertScimError(scim.get("/scim/v2/Users?filter=" + filter("a[".repeat(3000))), 400, "invalidFilter");
        assertScimError(scim.get("/scim/v2/Users?filter=" + filter("userName eq \"a\" or ".repeat(400) + "active eq true")),
                400, "invalidFilter");
        assertEquals(List.of(), userNamesMatching("userName eq \"" + "(".repeat(40) + "\""), "brackets in a value do not nest");
    }

    /**
     * Lower-casing can lengthen a value (U+0130 becomes two characters): the longest userName,
     * displayName and email address are stored with their lower-cased keys, and found by them.
     */
    @Test
    void theLongestValuesOfLettersThatLengthenWhenLowerCasedAreStored() {
        String userName = "\u0130".repeat(256);
        String email = "\u0130".repeat(300) + "@x.example";
        createUser(userName, ",\"displayName\":\"" + "\u0130".repeat(256) + "\",\"emails\":[{\"value\":\"" + email + "\"}]");
        assertEquals(List.of(userName), userNamesMatching("userName eq \"" + userName + "\""));
        assertEquals(List.of(userName), userNamesMatching("emails.value eq \"" + email + "\""));
        scim.post("/scim/v2/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + "\u0130".repeat(256) + "\"}").expect(201);
    }

    @Test
    void patchTakesWhatEntraAndOktaSend() {
        String id = createUser("erin@example.com", ",\"emails\":[{\"value\":\"erin@work.example\",\"type\":\"work\"}]")
                .getString("id");
        JsonObject patched = scim.patch("/scim/v2/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Erin\"},"
                + "{\"op\":\"replace\",\"value\":{\"externalId\":\"ext-erin\",\"title\":\"Engineer\"}},"
                + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"erin@new.example\"},"
                + "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"erin@home.example\",\"type\":\"home\"}]}]}")
                .expect(200).json();
        assertEquals("Erin", patched.getString("displayName"));
        assertEquals("ext-erin", patched.getString("externalId"));
        assertEquals("Engineer", patched.getString("title"));
        assertEquals(List.of("erin@new.example", "erin@home.example"), patched.getJsonArray("emails")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("value")).toList());
        assertEquals(List.of("erin@example.com"), userNamesMatching("emails.value eq \"erin@new.example\""));
        assertEquals(List.of(), userNamesMatching("emails.value eq \"erin@work.example\""));

        JsonObject removed = scim.patch("/scim/v2/Users/" + id,
                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}]}").expect(200).json();
        assertEquals(1, removed.getJsonArray("emails").size());

        for (String bad : List.of("{}", "{\"Operations\":[]}", "{\"Operations\":[{\"path\":\"active\"}]}",
                "{\"Operations\":[{\"op\":\"explode\",\"path\":\"active\",\"value\":true}]}",
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":1}]}",
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]}",
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"\"}]}",
                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"userName\"}]}", "[1]", "{\"Operations\":")) {
            Reply reply = scim.patch("/scim/v2/Users/" + id, bad);
            assertScimError(reply, 400, null);
        }
        for (String bad : List.of("{}", "{\"userName\":\"\"}", "{\"userName\":7}", "{\"userName\":\"x\",\"active\":\"perhaps\"}",
                "{\"userName\":\"x\",\"emails\":\"a@b\"}", "{\"userName\":\"x\",\"emails\":[{\"type\":\"work\"}]}", "nope",
                "{\"userName\":\"nul\\u0000\"}", "{\"userName\":\"x\",\"name\":{\"givenName\":\"\\ud800\"}}")) {
            assertScimError(scim.post("/scim/v2/Users", bad), 400, null);
        }
        assertEquals(List.of("erin@example.com"), userNamesMatching("userName pr"));
    }

    @Test
    void deprovisioningRevokesThePrincipalsGrantsAndWhatWasDelegatedFromThem() {
        String agent = Flows.createAgent(developer, List.of("read"));
        String subAgent = Flows.createAgent(developer, List.of("read"));
        String frank = createUser("frank@example.com", ",\"externalId\":\"okta-frank\"").getString("id");
        String grace = createUser("grace@example.com", "").getString("id");
        Flows.Issued byUserName = Flows.grantFor(developer, agent, "frank@example.com", List.of("read"));
        Flows.Issued byExternalId = Flows.grantFor(developer, agent, "okta-frank", List.of("read"));
        Flows.Issued delegated = Flows.delegate(developer, byUserName.grantToken(), subAgent, List.of("read"));
        Flows.Issued graces = Flows.grantFor(developer, agent, grace, List.of("read"));

        // Entra ID deactivates with a string boolean.
        JsonObject deactivated = scim.patch("/scim/v2/Users/" + frank,
                "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}").expect(200).json();
        assertFalse(deactivated.getBoolean("active"));
        assertFalse(Flows.valid(developer, byUserName.grantToken()));
        assertFalse(Flows.valid(developer, byExternalId.grantToken()));
        assertFalse(Flows.valid(developer, delegated.grantToken()));
        assertTrue(Flows.valid(developer, graces.grantToken()));

        scim.delete("/scim/v2/Users/" + grace).expect(204);
        assertFalse(Flows.valid(developer, graces.grantToken()), "a grant naming the user's id is revoked at deletion");
    }

    @Test
    void groupsHoldTheDevelopersUsersAndTakeOktaAndEntraMemberChanges() {
        String alice = createUser("a@example.com", "").getString("id");
        String bob = createUser("b@example.com", "").getString("id");
        Reply created = scim.post("/scim/v2/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Engineering\",\"members\":[{\"value\":\"" + alice + "\"}]}").expect(201);
        JsonObject group = created.json();
        String id = group.getString("id");
        assertTrue(id.matches("scimgroup_[0-9A-Z]{26}"));
        assertEquals(alice, group.getJsonArray("members").getJsonObject(0).getString("value"));
        assertEquals("a@example.com", group.getJsonArray("members").getJsonObject(0).getString("display"));

        // Okta's group push: add with a list value.
        scim.patch("/scim/v2/Groups/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}]}").expect(200);
        assertEquals(2, scim.get("/scim/v2/Groups/" + id).expect(200).json().getJsonArray("members").size());
        // Entra ID's removal: a value filter in the path, the op capitalised.
        JsonObject afterRemoval = scim.patch("/scim/v2/Groups/" + id, "{\"Operations\":[{\"op\":\"Remove\","
                + "\"path\":\"members[value eq \\\"" + alice + "\\\"]\"},{\"op\":\"Replace\",\"path\":\"displayName\","
                + "\"value\":\"Platform\"}]}").expect(200).json();
        assertEquals(List.of(bob), afterRemoval.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("value")).toList());
        assertEquals("Platform", afterRemoval.getString("displayName"));

        JsonObject found = scim.get("/scim/v2/Groups?filter=" + filter("displayName eq \"platform\"")
                + "&excludedAttributes=members").expect(200).json();
        assertEquals(1, found.getInt("totalResults"));
        assertFalse(found.getJsonArray("Resources").getJsonObject(0).containsKey("members"));
        assertEquals(1, scim.get("/scim/v2/Groups?filter=" + filter("members eq \"" + bob + "\"")).expect(200).json()
                .getInt("totalResults"));

        String strangersUser = Api.withKey(token(TestDeveloper.create("enterprise")))
                .post("/scim/v2/Users", "{\"userName\":\"stranger@example.com\"}").expect(201).json().getString("id");
        assertScimError(scim.patch("/scim/v2/Groups/" + id, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                + "\"value\":[{\"value\":\"" + strangersUser + "\"}]}]}"), 400, "invalidValue");
        assertScimError(scim.post("/scim/v2/Groups", "{\"members\":[]}"), 400, "invalidValue");
        assertScimError(Api.withKey(token(TestDeveloper.create("enterprise"))).get("/scim/v2/Groups/" + id), 404, "noTarget");

        JsonObject replaced = scim.put("/scim/v2/Groups/" + id, "{\"displayName\":\"Platform\",\"members\":[{\"value\":\""
                + alice + "\"},{\"value\":\"" + bob + "\"}]}").expect(200).json();
        assertEquals(2, replaced.getJsonArray("members").size());
        scim.delete("/scim/v2/Users/" + bob).expect(204);
        assertEquals(1, scim.get("/scim/v2/Groups/" + id).expect(200).json().getJsonArray("members").size(),
                "a removed user leaves its groups");
        scim.delete("/scim/v2/Groups/" + id).expect(204);
        scim.get("/scim/v2/Users/" + alice).expect(200);
        assertScimError(scim.get("/scim/v2/Groups/" + id), 404, "noTarget");
    }
}
