package dev.grantex.credentials;

import dev.grantex.platform.errors.ApiException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The credentialFormat of a token exchange or delegation: what is issued beside the grant token. */
public enum CredentialFormat {
    /** The grant token alone. */
    JWT("jwt"),
    /** The grant token and a VC-JWT. */
    VC_JWT("vc-jwt"),
    /** The grant token and an SD-JWT. */
    SD_JWT("sd-jwt"),
    /** The grant token and a VC-JWT (the contract's name for it). */
    BOTH("both"),
    /** The grant token and an agent passport for the grant (issued by the passports feature). */
    AGENT_PASSPORT("agent-passport");

    /** What token exchange accepts. */
    public static final Set<CredentialFormat> AT_EXCHANGE = EnumSet.allOf(CredentialFormat.class);
    /** What delegation accepts: no SD-JWT or passport for delegated grants. */
    public static final Set<CredentialFormat> AT_DELEGATION = EnumSet.of(JWT, VC_JWT, BOTH);

    private final String wireName;

    CredentialFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The format named, jwt when none is: 400 for any other name or one the route does not accept. */
    public static CredentialFormat parse(String name, Set<CredentialFormat> allowed) {
        if (name == null) {
            return JWT;
        }
        return Arrays.stream(values()).filter(f -> allowed.contains(f) && f.wireName.equals(name)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("credentialFormat must be one of "
                        + allowed.stream().map(f -> '"' + f.wireName + '"').collect(Collectors.joining(", "))));
    }
}
