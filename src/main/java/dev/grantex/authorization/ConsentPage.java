package dev.grantex.authorization;

import static dev.grantex.platform.web.Html.escape;

import dev.grantex.agents.Agent;
import java.util.List;

/** The HTML of the consent page and of its outcomes; every value from a request is escaped. */
final class ConsentPage {
    private ConsentPage() {
    }

    static String request(AuthRequest request, Agent agent, List<String> scopeDescriptions) {
        String body = summary(request, agent, scopeDescriptions) + """
                <form method="post" action="/consent" class="actions">
                  <input type="hidden" name="req" value="%s">
                  <button type="submit" name="decision" value="deny" class="deny">Deny</button>
                  <button type="submit" name="decision" value="approve" class="approve">Allow</button>
                </form>
                """.formatted(escape(request.id())) + agentIdentity(agent);
        return page("Allow " + agent.name() + "?", body);
    }

    /**
     * The request while the developer's passkey check is outstanding: a button that runs the WebAuthn
     * assertion (passkey.js), after which the page reloads with the decision form.
     */
    static String passkeyStep(AuthRequest request, Agent agent, List<String> scopeDescriptions) {
        String body = summary(request, agent, scopeDescriptions) + """
                <section class="passkey" aria-labelledby="passkey-title">
                  <h2 id="passkey-title">First, confirm it is you</h2>
                  <p>This application asks you to confirm with your passkey (a security key, or your device's
                  fingerprint, face or screen lock) before you answer.</p>
                  <noscript><p class="problem">Confirming with a passkey needs JavaScript. Turn it on and reload this page.</p></noscript>
                  <p class="problem" id="passkey-problem" role="alert" hidden></p>
                  <div class="actions">
                    <button type="button" id="passkey" class="approve" data-request="%s">Confirm with passkey</button>
                  </div>
                </section>
                <script src="/consent/passkey.js"></script>
                """.formatted(escape(request.id())) + agentIdentity(agent);
        return page("Allow " + agent.name() + "?", body);
    }

    static String approvedWithoutRedirect(String code) {
        return page("Access allowed", """
                <h1>Access allowed</h1>
                <p>Return to the application that sent you here. If it asks for a code, give it this one:</p>
                <p><code class="code">%s</code></p>
                """.formatted(escape(code)));
    }

    static String deniedWithoutRedirect() {
        return page("Access denied", """
                <h1>Access denied</h1>
                <p>The agent was not given access. You can close this window.</p>
                """);
    }

    static String problem(String title, String explanation) {
        return page(title, "<h1>" + escape(title) + "</h1><p>" + escape(explanation) + "</p>");
    }

    private static String summary(AuthRequest request, Agent agent, List<String> scopeDescriptions) {
        StringBuilder scopes = new StringBuilder();
        for (int i = 0; i < scopeDescriptions.size(); i++) {
            scopes.append("<li><span class=\"what\">").append(escape(scopeDescriptions.get(i)))
                    .append("</span> <code>").append(escape(request.scopes().get(i))).append("</code></li>");
        }
        String description = agent.description().isEmpty() ? ""
                : "<p class=\"description\">" + escape(agent.description()) + "</p>";
        return """
                <h1><span class="agent">%s</span> wants access on your behalf</h1>
                %s
                <p>This request is for the account <strong>%s</strong>. If you allow it, this agent may:</p>
                <ul class="scopes" aria-label="Requested permissions">%s</ul>
                <p class="until">For %s from now. You can withdraw this at any time.</p>
                """.formatted(escape(agent.name()), description, escape(request.principalId()), scopes,
                escape(lifetime(request.expiresIn())));
    }

    private static String agentIdentity(Agent agent) {
        return "<p class=\"agent-id\">Agent identity: <code>" + escape(agent.did()) + "</code></p>\n";
    }

    /** "24h" → "24 hours", "1d" → "1 day": expiresIn was validated when the request was made. */
    static String lifetime(String expiresIn) {
        long amount = Long.parseLong(expiresIn.substring(0, expiresIn.length() - 1));
        String unit = switch (expiresIn.charAt(expiresIn.length() - 1)) {
            case 's' -> "second";
            case 'm' -> "minute";
            case 'h' -> "hour";
            default -> "day";
        };
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f4f5f7;
                         color: #1d1e2c; margin: 0; padding: 2rem 1rem; line-height: 1.5; }
                  main { max-width: 34rem; margin: 0 auto; background: #fff; border-radius: 12px;
                         padding: 2rem; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
                  h1 { font-size: 1.4rem; margin-top: 0; }
                  .scopes { padding-left: 1.2rem; }
                  .scopes li { margin: .4rem 0; }
                  .scopes code, .agent-id code { color: #555; font-size: .85em; }
                  .until, .agent-id { color: #444; font-size: .9rem; }
                  .actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
                  button { font: inherit; font-weight: 600; border-radius: 8px; padding: .6rem 1.4rem; cursor: pointer;
                           border: 2px solid #1d3fbb; }
                  button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
                  .approve { background: #1d3fbb; color: #fff; }
                  .deny { background: #fff; color: #1d3fbb; }
                  .code { font-size: 1.1rem; word-break: break-all; }
                  .passkey h2 { font-size: 1.1rem; }
                  .problem { color: #a00020; font-weight: 600; }
                </style>
                </head>
                <body>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), body);
    }
}
