package dev.grantex.authorization;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scopes in plain language, for people approving them. */
public final class ScopeDescriptions {
    private static final Map<String, String> STANDARD = Map.ofEntries(
            Map.entry("calendar:read", "Read your calendar events"),
            Map.entry("calendar:write", "Create and modify calendar events"),
            Map.entry("email:read", "Read your email"),
            Map.entry("email:send", "Send email on your behalf"),
            Map.entry("email:delete", "Delete email"),
            Map.entry("files:read", "Read your files"),
            Map.entry("files:write", "Create and modify your files"),
            Map.entry("payments:read", "View your payment history"),
            Map.entry("profile:read", "Read your profile information"),
            Map.entry("contacts:read", "Read your contacts"),
            Map.entry("contacts:write", "Create and modify your contacts"));
    private static final Pattern PAYMENT_CAP = Pattern.compile("^payments:initiate:max_(\\d+)$");

    private ScopeDescriptions() {
    }

    public static String describe(String scope) {
        String standard = STANDARD.get(scope);
        if (standard != null) {
            return standard;
        }
        Matcher cap = PAYMENT_CAP.matcher(scope);
        if (cap.matches()) {
            return "Initiate payments up to " + cap.group(1) + " in your account's base currency";
        }
        return scope;
    }

    public static List<String> describeAll(List<String> scopes) {
        return scopes.stream().map(ScopeDescriptions::describe).toList();
    }
}
