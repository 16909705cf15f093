package dev.grantex.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.TestDeveloper;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request sequences of Okta and Microsoft Entra ID, driven through a real SCIM client: the
 * UnboundID SCIM 2 SDK's ScimService on Jersey's JAX-RS client.
 */
class ScimClientIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    // Java's HttpClient as Jersey's connector: HttpURLConnection, the default, knows no PATCH.
    private final Client client = ClientBuilder.newClient(new ClientConfig().connectorProvider(new JavaNetHttpConnectorProvider()));
    private final ScimService scim = service(ScimIT.token(developer));

    private ScimService service(String token) {
        return new ScimService(client.target(ItServer.baseUrl() + "/scim/v2")
                .register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private ListResponse<UserResource> byUserName(ScimService service, String userName) throws ScimException {
        return service.searchRequest("Users").filter(Filter.eq("userName", userName)).invoke(UserResource.class);
    }

    @Test
    void oktaLooksUpCreatesDeactivatesAndPushesAGroup() throws Exception {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getFilter().isSupported());
        assertTrue(config.getPatch().isSupported());

        // Okta looks the user up by userName before creating it.
        assertEquals(0, byUserName(scim, "okta.user@example.com").getTotalResults());
        UserResource user = new UserResource().setUserName("okta.user@example.com").setActive(true)
                .setName(new Name().setGivenName("Okta").setFamilyName("User"))
                .setEmails(new Email().setValue("okta.user@example.com").setType("work").setPrimary(true));
        user.setExternalId("00uokta1");
        UserResource created = scim.create("Users", user);
        assertTrue(created.getId().startsWith("scimuser_"));
        assertEquals("Okta", created.getName().getGivenName());
        assertEquals(1, byUserName(scim, "OKTA.USER@example.com").getTotalResults());

        String agent = Flows.createAgent(developer, List.of("read"));
        Flows.Issued grant = Flows.grantFor(developer, agent, "okta.user@example.com", List.of("read"));

        // The group push: create, then members added and removed.
        UserResource second = scim.create("Users", new UserResource().setUserName("second@example.com"));
        GroupResource group = scim.create("Groups", new GroupResource().setDisplayName("Okta Engineers")
                .setMembers(new Member().setValue(created.getId())));
        scim.modifyRequest("Groups", group.getId()).addValues("members", new Member().setValue(second.getId()))
                .invoke(GroupResource.class);
        GroupResource removed = scim.modifyRequest("Groups", group.getId())
                .removeValues("members[value eq \"" + created.getId() + "\"]").invoke(GroupResource.class);
        assertEquals(List.of(second.getId()), removed.getMembers().stream().map(Member::getValue).toList());

        // Deactivation, as Okta sends it: a replace of active.
        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertFalse(deactivated.getActive());
        assertFalse(Flows.valid(developer, grant.grantToken()), "deprovisioning revoked the principal's grant");
    }

    @Test
    void entraReplacesWithPutChecksTheETagAndDeletes() throws Exception {
        UserResource created = scim.create("Users", new UserResource().setUserName("entra.user@example.com")
                .setDisplayName("Entra User"));
        UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
        assertEquals("Entra User", read.getDisplayName());
        read.setDisplayName("Entra User (renamed)");
        UserResource replaced = scim.replace(read);
        assertEquals("Entra User (renamed)", replaced.getDisplayName());

        ScimException stale = assertThrows(ScimException.class, () -> scim.modifyRequest("Users", created.getId())
                .ifMatch(created.getMeta().getVersion()).replaceValue("displayName", "Stale").invoke(UserResource.class));
        assertEquals(412, stale.getScimError().getStatus());

        ScimService stranger = service(ScimIT.token(TestDeveloper.create("enterprise")));
        assertThrows(ResourceNotFoundException.class, () -> stranger.retrieve("Users", created.getId(), UserResource.class));
        assertEquals(0, byUserName(stranger, "entra.user@example.com").getTotalResults());

        scim.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
    }
}
