package dev.grantex.authorization;

import dev.grantex.agents.Scopes;
import java.util.List;
import java.util.Map;

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

    private ScopeDescriptions() {
    }

    public static String describe(String scope) {
        String standard = STANDARD.get(scope);
        if (standard != null) {
            return standard;
        }
        return Scopes.paymentCap(scope)
                .map(cap -> "Initiate payments up to " + cap + " in your account's base currency")
                .orElse(scope);
    }

    public static List<String> describeAll(List<String> scopes) {
        return scopes.stream().map(ScopeDescriptions::describe).toList();
    }

    /**
     * For the consent page: like {@link #describe}, but a custom scope of the form
     * resource:action[:constraint] reads as "Export crm (limit: 10)" rather than as written. (The JSON
     * consent route keeps the raw scope, as the protocol defines.)
     */
    public static String forPeople(String scope) {
        String described = describe(scope);
        if (!described.equals(scope)) {
            return described;
        }
        String[] parts = scope.split(":", 3);
        if (parts.length == 1 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return capitalize(words(scope));
        }
        String sentence = capitalize(words(parts[1])) + " " + words(parts[0]);
        return parts.length == 3 ? sentence + " (" + words(parts[2]) + ")" : sentence;
    }

    private static String words(String token) {
        return token.replace('_', ' ').replace('-', ' ').replace('.', ' ');
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
