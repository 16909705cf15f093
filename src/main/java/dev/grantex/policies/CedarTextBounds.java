package dev.grantex.policies;

import dev.grantex.platform.errors.ApiException;

/**
 * Bounds a Cedar text before cedar-java's native library parses it. The library recurses once per
 * level of an expression, with frames of about 15 KB: on a thread's usual 1 MB stack, 70 nested
 * parentheses, or a chain of 3,000 additions, overflowed it and the JVM died (a segmentation fault).
 * Within these bounds, parsing and deciding took at most a few MB of the Cedar threads' stacks
 * ({@link CedarThreads#STACK_BYTES}); real policies are far smaller.
 */
final class CedarTextBounds {
    static final int MAX_NESTING = 64;
    static final int MAX_POLICY_CHARACTERS = 64 * 1024;

    private CedarTextBounds() {
    }

    /** Refuses (400) a text with brackets nested deeper than MAX_NESTING, or a policy longer than MAX_POLICY_CHARACTERS. */
    static void check(String text) {
        int depth = 0;
        int policyStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    throw ApiException.badRequest("The Cedar policies do not parse: brackets nest more than "
                            + MAX_NESTING + " deep at character " + i);
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && depth == 0) {
                policyStart = i + 1;
            }
            if (i - policyStart > MAX_POLICY_CHARACTERS) {
                throw ApiException.badRequest("The Cedar policies do not parse: a policy is longer than "
                        + MAX_POLICY_CHARACTERS + " characters (from character " + policyStart + ")");
            }
        }
    }

    /** The index of the quote that ends the string starting at {@code start}, or the text's end. */
    private static int endOfString(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return text.length();
    }
}
