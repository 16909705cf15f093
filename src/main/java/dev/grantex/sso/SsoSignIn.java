package dev.grantex.sso;

import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.Text;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.scim.ScimGroupService;
import dev.grantex.scim.ScimUser;
import dev.grantex.scim.ScimUserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What follows a person's successful authentication at their identity provider: the SCIM user they
 * are (found by subject or email, created when the connection provisions just in time), their groups
 * (the provider's and their SCIM groups) mapped to scopes, an 8-hour session, and an sso.login event.
 */
@ApplicationScoped
@Transactional
public class SsoSignIn {
    private static final int MAX_TEXT = 256;

    @Inject
    ScimUserService users;

    @Inject
    ScimGroupService groups;

    @Inject
    SsoSessions sessions;

    @Inject
    EventLog events;

    /** A completed sign-in: the session and its token, and the groups and scopes it carries. */
    record SignedIn(SsoSession session, String token, List<String> groups, List<String> scopes) {
    }

    SignedIn complete(String developerId, String connectionId, ConnectionSettings settings, SignedInIdentity identity) {
        SignedInIdentity checked = checked(identity);
        Optional<ScimUser> user = users.forSignIn(developerId, checked.subject(), checked.email(), checked.name(),
                settings.jitProvisioning());
        if (user.isPresent() && !user.get().active()) {
            throw new ApiException(403, "FORBIDDEN", "This user is deactivated in the developer's directory");
        }
        Set<String> allGroups = new LinkedHashSet<>(checked.groups());
        user.ifPresent(u -> allGroups.addAll(groups.groupNamesOf(developerId, u.id())));
        List<String> groupList = List.copyOf(allGroups);
        List<String> scopes = scopes(settings, groupList);
        SignedInIdentity withGroups = new SignedInIdentity(checked.subject(), checked.email(), checked.name(), groupList);
        SsoSessions.Opened opened = sessions.open(developerId, connectionId,
                user.map(ScimUser::id).orElse(null), withGroups, scopes);
        JsonObjectBuilder data = Jsonp.objectBuilder().add("sessionId", opened.session().id())
                .add("protocol", settings.protocol()).add("sub", checked.subject());
        if (connectionId != null) {
            data.add("connectionId", connectionId);
        }
        user.ifPresent(u -> data.add("principalId", u.id()));
        events.record(developerId, EventType.SSO_LOGIN, data.build());
        return new SignedIn(opened.session(), opened.token(), groupList, scopes);
    }

    /**
     * The scopes of every mapped group, in mapping order; the default scopes when none of the groups
     * is mapped (a group mapped to no scopes is mapped: its members get none).
     */
    static List<String> scopes(ConnectionSettings settings, List<String> groupNames) {
        if (settings.groupMappings().keySet().stream().noneMatch(groupNames::contains)) {
            return settings.defaultScopes();
        }
        Set<String> scopes = new LinkedHashSet<>();
        settings.groupMappings().forEach((group, mapped) -> {
            if (groupNames.contains(group)) {
                scopes.addAll(mapped);
            }
        });
        return List.copyOf(scopes);
    }

    /** The provider's answer fits what is stored: a subject, and an email and name of at most 256 characters. */
    private static SignedInIdentity checked(SignedInIdentity identity) {
        if (!fits(identity.subject()) || identity.subject().isBlank()) {
            throw SsoFailure.badRequest("The identity provider named no usable subject");
        }
        String email = fits(identity.email()) && !identity.email().isBlank() ? identity.email() : null;
        String name = fits(identity.name()) && !identity.name().isBlank() ? identity.name() : null;
        List<String> groupNames = identity.groups().stream().filter(SsoSignIn::fits).distinct().limit(200).toList();
        return new SignedInIdentity(identity.subject(), email, name, groupNames);
    }

    private static boolean fits(String value) {
        return value != null && value.length() <= MAX_TEXT && Text.storable(value) && !Text.hasControlCharacter(value, false);
    }
}
