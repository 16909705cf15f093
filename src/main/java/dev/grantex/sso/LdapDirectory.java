package dev.grantex.sso;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/**
 * LDAP sign-in with UnboundID's SDK: bind as the connection's service account, find the person with
 * the search filter (the user name escaped), bind as them with their password, then read their
 * groups (a group search when configured, else the group attribute, memberOf by default; a group
 * named by DN counts by its first RDN value, as cn=engineering,ou=groups counts as "engineering").
 * TLS is ldaps:// or StartTLS, trusting the JVM's certificate authorities.
 */
@ApplicationScoped
public class LdapDirectory {
    static final String DEFAULT_GROUP_ATTRIBUTE = "memberOf";
    private static final int TIMEOUT_MILLIS = 5000;

    SignedInIdentity signIn(ConnectionSettings settings, String bindPassword, String username, String password) {
        if (password.isEmpty()) {
            // An empty password is an anonymous bind, which many directories accept.
            throw SsoFailure.credentials();
        }
        String groupAttribute = settings.groupAttribute() == null ? DEFAULT_GROUP_ATTRIBUTE : settings.groupAttribute();
        try (LDAPConnection connection = connect(settings)) {
            serviceBind(connection, settings, bindPassword);
            Filter filter = Filter.create(settings.ldapSearchFilter()
                    .replace(ConnectionChecks.USERNAME_PLACEHOLDER, Filter.encodeValue(username)));
            SearchResult found = connection.search(settings.ldapSearchBase(), SearchScope.SUB, filter,
                    "mail", "cn", "displayName", groupAttribute);
            if (found.getEntryCount() != 1) {
                throw SsoFailure.credentials();
            }
            SearchResultEntry person = found.getSearchEntries().get(0);
            try {
                connection.bind(person.getDN(), password);
            } catch (LDAPException refused) {
                if (refused.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    throw SsoFailure.credentials();
                }
                throw refused;
            }
            List<String> groups;
            if (settings.ldapGroupSearchBase() != null) {
                serviceBind(connection, settings, bindPassword);
                groups = groupSearch(connection, settings, person.getDN());
            } else {
                groups = names(person.getAttributeValues(groupAttribute));
            }
            String name = person.getAttributeValue("displayName") != null ? person.getAttributeValue("displayName")
                    : person.getAttributeValue("cn");
            return new SignedInIdentity(person.getDN(), person.getAttributeValue("mail"), name, groups);
        } catch (LDAPException e) {
            throw SsoFailure.provider("The directory failed (" + e.getResultCode() + "): " + e.getMessage());
        }
    }

    /** Connects and binds as the service account: the connection test. */
    void check(ConnectionSettings settings, String bindPassword) {
        try (LDAPConnection connection = connect(settings)) {
            serviceBind(connection, settings, bindPassword);
            connection.getEntry(settings.ldapSearchBase());
        } catch (LDAPException e) {
            throw SsoFailure.provider("The directory failed (" + e.getResultCode() + "): " + e.getMessage());
        }
    }

    private static LDAPConnection connect(ConnectionSettings settings) throws LDAPException {
        LDAPURL url = new LDAPURL(settings.ldapUrl());
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        SocketFactory sockets = ldaps ? tls().getSocketFactory() : SocketFactory.getDefault();
        LDAPConnection connection = new LDAPConnection(sockets, options, url.getHost(), url.getPort());
        if (!ldaps && settings.ldapTlsEnabled()) {
            ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(tls()));
            if (started.getResultCode() != ResultCode.SUCCESS) {
                connection.close();
                throw new LDAPException(started.getResultCode(), "StartTLS failed: " + started.getDiagnosticMessage());
            }
        }
        return connection;
    }

    private static void serviceBind(LDAPConnection connection, ConnectionSettings settings, String bindPassword)
            throws LDAPException {
        try {
            connection.bind(settings.ldapBindDn(), bindPassword);
        } catch (LDAPException e) {
            throw new LDAPException(e.getResultCode(), "the service account's bind was refused");
        }
    }

    private static List<String> groupSearch(LDAPConnection connection, ConnectionSettings settings, String personDn)
            throws LDAPException {
        Filter filter = Filter.create(settings.ldapGroupSearchFilter()
                .replace(ConnectionChecks.DN_PLACEHOLDER, Filter.encodeValue(personDn)));
        List<String> groups = new ArrayList<>();
        for (SearchResultEntry group : connection.search(settings.ldapGroupSearchBase(), SearchScope.SUB, filter, "cn")
                .getSearchEntries()) {
            groups.add(group.getAttributeValue("cn") != null ? group.getAttributeValue("cn") : group.getDN());
        }
        return groups;
    }

    private static List<String> names(String[] values) {
        List<String> names = new ArrayList<>();
        if (values == null) {
            return names;
        }
        for (String value : values) {
            names.add(firstRdnValue(value));
        }
        return names;
    }

    private static String firstRdnValue(String value) {
        try {
            RDN rdn = new DN(value).getRDN();
            return rdn == null ? value : rdn.getAttributeValues()[0];
        } catch (LDAPException notADn) {
            return value;
        }
    }

    private static SSLContext tls() throws LDAPException {
        try {
            return new SSLUtil().createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.CONNECT_ERROR, "TLS is unavailable: " + e.getMessage());
        }
    }
}
