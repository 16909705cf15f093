package dev.grantex.keys;

/**
 * Makes serialised JSON pure ASCII without '>', '?' or '~' by writing those characters as \\u escapes
 * (valid JSON, same value). The protocol's clients decode token payloads with plain base64 (atob),
 * which fails on base64url's '-' and '_'; in ASCII text only these characters produce them.
 */
final class AsciiJson {
    private AsciiJson() {
    }

    static String escape(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean escape = c == '>' || c == '?' || c == '~' || c > 0x7E;
            if (escape && out == null) {
                out = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            if (out != null) {
                if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? json : out.toString();
    }
}
