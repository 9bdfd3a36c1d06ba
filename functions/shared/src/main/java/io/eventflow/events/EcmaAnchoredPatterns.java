package io.eventflow.events;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * JSON Schema {@code pattern}s are ECMA-262 regular expressions, in which {@code $} (no multiline flag) matches
 * only at the very end of the value. The validator evaluates them with {@code java.util.regex}, where {@code $}
 * also matches before a final line terminator, so {@code "^[A-Z]{3}$"} would accept {@code "USD\n"}. This
 * factory compiles every pattern with each unescaped {@code $} outside a character class read as {@code \z}
 * (end of input), which is what the schema means; the schema files stay portable ECMA-262.
 */
public final class EcmaAnchoredPatterns implements RegularExpressionFactory {
    public static final EcmaAnchoredPatterns INSTANCE = new EcmaAnchoredPatterns();

    private EcmaAnchoredPatterns() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(toJava(regex));
        return value -> pattern.matcher(value).find(); // JSON Schema patterns are not implicitly anchored
    }

    /** The ECMA pattern with end-of-input anchors Java reads the same way. */
    static String toJava(String ecma) {
        StringBuilder out = new StringBuilder(ecma.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < ecma.length(); i++) {
            char c = ecma.charAt(i);
            if (c == '\\' && i + 1 < ecma.length()) {
                out.append(c).append(ecma.charAt(++i));
            } else if (c == '[' && !inClass) {
                inClass = true;
                out.append(c);
            } else if (c == ']' && inClass) {
                inClass = false;
                out.append(c);
            } else if (c == '$' && !inClass) {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
