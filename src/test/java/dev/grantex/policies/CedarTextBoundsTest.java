package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.platform.errors.ApiException;
import org.junit.jupiter.api.Test;

class CedarTextBoundsTest {
    private static String nested(int depth) {
        return "permit(principal, action, resource) when { " + "(".repeat(depth - 1) + "1" + ")".repeat(depth - 1) + " == 1 };\n";
    }

    @Test
    void bracketsNestUpToTheLimit() {
        assertDoesNotThrow(() -> CedarTextBounds.check(nested(CedarTextBounds.MAX_NESTING)));
        ApiException refused = assertThrows(ApiException.class,
                () -> CedarTextBounds.check(nested(CedarTextBounds.MAX_NESTING + 1)));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("nest more than 64"), refused.getMessage());
        assertThrows(ApiException.class, () -> CedarTextBounds.check(")".repeat(10) + "(".repeat(CedarTextBounds.MAX_NESTING + 1)),
                "closing brackets before do not make room for more");
        assertThrows(ApiException.class, () -> CedarTextBounds.check("forbid(principal, action, resource) when { "
                + "[".repeat(40) + "{a: " + "(".repeat(30) + "1" + ")".repeat(30) + "}" + "]".repeat(40) + " == [] };"));
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        String brackets = "(".repeat(200);
        assertDoesNotThrow(() -> CedarTextBounds.check("@id(\"" + brackets + "\\\" " + brackets + "\")\n// " + brackets
                + "\npermit(principal, action, resource) when { context.note == \"" + brackets + "\" };"));
    }

    @Test
    void eachPolicyIsBoundedNotTheWholeText() {
        String policy = "permit(principal, action, resource) when { 1" + " + 1".repeat(4000) + " > 0 };\n";
        assertDoesNotThrow(() -> CedarTextBounds.check(policy.repeat(20)));
        String tooLong = "permit(principal, action, resource) when { 1" + " + 1".repeat(17_000) + " > 0 };\n";
        ApiException refused = assertThrows(ApiException.class, () -> CedarTextBounds.check(policy + tooLong));
        assertTrue(refused.getMessage().contains("longer than 65536 characters"), refused.getMessage());
    }
}
