package dev.grantex.sso;

import java.util.List;

/** Who an identity provider vouched for: its subject, and the email, name and groups it told us. */
record SignedInIdentity(String subject, String email, String name, List<String> groups) {
}
