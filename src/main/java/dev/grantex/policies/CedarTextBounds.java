package dev.grantex.policies;

import dev.grantex.platform.QuotedText;
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
        int[] policyStart = {0};
        QuotedText.walk(text, "//", (i, c, depth) -> {
            if (depth > MAX_NESTING) {
                throw ApiException.badRequest("The Cedar policies do not parse: brackets nest more than "
                        + MAX_NESTING + " deep at character " + i);
            }
            if (i - policyStart[0] > MAX_POLICY_CHARACTERS) {
                throw ApiException.badRequest("The Cedar policies do not parse: a policy is longer than "
                        + MAX_POLICY_CHARACTERS + " characters (from character " + policyStart[0] + ")");
            }
            if (c == ';' && depth == 0) {
                policyStart[0] = i + 1;
            }
        });
    }
}
