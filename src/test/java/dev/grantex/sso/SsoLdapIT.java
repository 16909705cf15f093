package dev.grantex.sso;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import dev.grantex.it.Api;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LDAP connections against a real directory: UnboundID's in-memory LDAP server, in the test JVM. */
class SsoLdapIT {
    private static InMemoryDirectoryServer directory;

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");

    @BeforeAll
    static void startDirectory() throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=corp,dc=example");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setSchema(null);
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=corp,dc=example", "objectClass: domain", "dc: corp");
        directory.add("dn: ou=people,dc=corp,dc=example", "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups,dc=corp,dc=example", "objectClass: organizationalUnit", "ou: groups");
        directory.add("dn: cn=grantex,dc=corp,dc=example", "objectClass: person", "cn: grantex", "sn: svc",
                "userPassword: service-password");
        directory.add("dn: uid=ann,ou=people,dc=corp,dc=example", "objectClass: inetOrgPerson", "uid: ann",
                "cn: Ann Example", "sn: Example", "mail: ann@corp.example", "userPassword: ann-password",
                "memberOf: cn=engineering,ou=groups,dc=corp,dc=example");
        directory.add("dn: uid=ben*,ou=people,dc=corp,dc=example", "objectClass: inetOrgPerson", "uid: ben*",
                "cn: Ben", "sn: B", "userPassword: ben-password");
        directory.add("dn: cn=payments,ou=groups,dc=corp,dc=example", "objectClass: groupOfNames", "cn: payments",
                "member: uid=ann,ou=people,dc=corp,dc=example");
        directory.startListening();
    }

    @AfterAll
    static void stopDirectory() {
        directory.shutDown(true);
    }

    private static String ldapUrl() {
        return "ldap://127.0.0.1:" + directory.getListenPort();
    }

    private String createConnection(String extra) {
        return developer.api().post("/v1/sso/connections", "{\"name\":\"Corp directory\",\"protocol\":\"ldap\","
                + "\"ldapUrl\":\"" + ldapUrl() + "\",\"ldapBindDn\":\"cn=grantex,dc=corp,dc=example\","
                + "\"ldapBindPassword\":\"service-password\",\"ldapSearchBase\":\"ou=people,dc=corp,dc=example\","
                + "\"jitProvisioning\":true,\"groupMappings\":{\"engineering\":[\"repo:read\"],\"payments\":[\"payments:initiate\"]}"
                + extra + "}").expect(201).json().getString("id");
    }

    private Reply signIn(String connectionId, String username, String password) {
        return Api.anonymous().post("/sso/callback/ldap", Json.createObjectBuilder().add("username", username)
                .add("password", password).add("connectionId", connectionId).add("org", developer.developerId())
                .build().toString());
    }

    private static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void aPersonSignsInWithTheirDirectoryPasswordAndGroupsFromMemberOf() {
        String id = createConnection("");
        JsonObject connection = developer.api().get("/v1/sso/connections/" + id).expect(200).json();
        assertEquals("(uid={{username}})", connection.getString("ldapSearchFilter"));
        assertFalse(connection.toString().contains("service-password"));
        JsonObject login = Api.anonymous().get("/sso/login?org=" + developer.developerId()).expect(200).json();
        assertEquals("ldap", login.getString("protocol"));
        assertEquals(ldapUrl(), login.getString("ldapUrl"));
        assertTrue(developer.api().post("/v1/sso/connections/" + id + "/test", null).expect(200).json().getBoolean("success"));

        JsonObject signedIn = signIn(id, "ann", "ann-password").expect(200).json();
        assertEquals("ann@corp.example", signedIn.getString("email"));
        assertEquals("Ann Example", signedIn.getString("name"));
        assertEquals("uid=ann,ou=people,dc=corp,dc=example", signedIn.getString("sub"));
        assertEquals(List.of("engineering"), strings(signedIn, "groups"));
        assertEquals(List.of("repo:read"), strings(signedIn, "mappedScopes"));
        assertFalse(signedIn.isNull("principalId"));
        Api.withKey(signedIn.getString("sessionToken")).get("/v1/principal/grants").expect(200);
    }

    @Test
    void aGroupSearchFindsGroupsByMember() {
        String id = createConnection(",\"ldapGroupSearchBase\":\"ou=groups,dc=corp,dc=example\"");
        JsonObject signedIn = signIn(id, "ann", "ann-password").expect(200).json();
        assertEquals(List.of("payments"), strings(signedIn, "groups"));
        assertEquals(List.of("payments:initiate"), strings(signedIn, "mappedScopes"));
    }

    @Test
    void wrongPasswordsUnknownUsersAndFilterInjectionAreRefused() {
        String id = createConnection("");
        assertError(signIn(id, "ann", "wrong"), 401, "SSO_AUTH_FAILED");
        assertError(signIn(id, "ann", ""), 401, "SSO_AUTH_FAILED");
        assertError(signIn(id, "nobody", "ann-password"), 401, "SSO_AUTH_FAILED");
        assertError(signIn(id, "*", "ann-password"), 401, "SSO_AUTH_FAILED");
        assertError(signIn(id, "ann)(uid=*", "ann-password"), 401, "SSO_AUTH_FAILED");
        signIn(id, "ben*", "ben-password").expect(200);
        assertError(Api.anonymous().post("/sso/callback/ldap", "{\"username\":\"ann\"}"), 400, "BAD_REQUEST");
        assertEquals(404, signIn("sso_00000000000000000000000000", "ann", "ann-password").status());
        assertEquals(404, Api.anonymous().post("/sso/callback/ldap", Json.createObjectBuilder().add("username", "ann")
                .add("password", "ann-password").add("connectionId", id)
                .add("org", TestDeveloper.create("enterprise").developerId()).build().toString()).status());
    }

    @Test
    void aDirectoryThatRefusesTheServiceAccountIs502AndFailsTheTest() {
        String id = createConnection("");
        developer.api().patch("/v1/sso/connections/" + id, "{\"ldapBindPassword\":\"wrong\"}").expect(200);
        assertError(signIn(id, "ann", "ann-password"), 502, "SSO_ERROR");
        JsonObject tested = developer.api().post("/v1/sso/connections/" + id + "/test", null).expect(200).json();
        assertFalse(tested.getBoolean("success"));
        assertTrue(tested.getString("error").contains("service account"), tested.toString());
    }
}
