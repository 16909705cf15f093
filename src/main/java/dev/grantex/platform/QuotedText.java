package dev.grantex.platform;

/**
 * Walks a text in a language whose strings are {@code "…"} with backslash escapes (a SCIM filter, a
 * Cedar policy), telling the bracket depth of every character outside strings and line comments:
 * for bounding, before a recursive parser sees it, how deep the text nests.
 */
public final class QuotedText {
    /** Told of each character outside strings and comments, with the depth of ( [ { it is at. */
    public interface Visitor {
        void visit(int index, char c, int depth);
    }

    private QuotedText() {
    }

    /**
     * @param lineComment what starts a comment to the end of the line, or null for a language without
     * @param visitor     told of each character outside strings and comments; an opening bracket is at
     *                    the depth it opens, a closing one at the depth it leaves (never below 0)
     */
    public static void walk(String text, String lineComment, Visitor visitor) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (lineComment != null && text.startsWith(lineComment, i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                }
                visitor.visit(i, c, depth);
                if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
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
