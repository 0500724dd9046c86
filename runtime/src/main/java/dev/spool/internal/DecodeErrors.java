package dev.spool.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns Jackson's decoding errors into reasons a Spool user can act on: what was found, what was
 * expected and where in the value, without Jackson's configuration advice (which names settings of
 * Jackson's that Spool fixes on purpose) or its source locations.
 */
final class DecodeErrors {

    /** Advice on Jackson settings, e.g. {@code (but could if coercion was enabled using `CoercionConfig`)}. */
    private static final Pattern ADVICE = Pattern.compile(
            "\\s*\\((?:but (?:could|might) if|enable|set|to allow|if you want)[^)]*\\)", Pattern.CASE_INSENSITIVE);
    /** Hints that name Jackson's feature constants, e.g. {@code : disable ...FAIL_ON_NUMBERS_FOR_ENUMS to allow}. */
    private static final Pattern FEATURE_HINT = Pattern.compile(
            "[:;,]?\\s*(?:use|enable|disable|set)\\s+`?(?:\\w+\\.)*(?:DeserializationFeature|MapperFeature|"
                    + "JsonReadFeature|SerializationFeature)\\.[A-Z_]+`?(?:\\s+to allow)?",
            Pattern.CASE_INSENSITIVE);
    /** Jackson's name for the token, e.g. {@code (token `JsonToken.VALUE_TRUE`)}. */
    private static final Pattern TOKEN = Pattern.compile("\\s*\\(token `JsonToken\\.[A-Z_]+`\\)");
    /** {@code Cannot coerce String value ("1") to `int` value}: Jackson's wording for a wrong scalar. */
    private static final Pattern COERCE = Pattern.compile(
            "Cannot coerce ([\\w-]+(?: [\\w-]+)?) (?:value )?(\\(.*?\\) )?to `([^`]+)` value");
    /** {@code Cannot deserialize value of type `int` from Boolean value}. */
    private static final Pattern DESERIALIZE = Pattern.compile("Cannot deserialize value of type `([^`]+)` from ");

    private DecodeErrors() {}

    /** Jackson's message without its advice on Jackson settings, plus where in the value it failed. */
    static String describe(JsonProcessingException error) {
        String message = error.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = error.getClass().getSimpleName();
        }
        message = ADVICE.matcher(message).replaceAll("");
        message = FEATURE_HINT.matcher(message).replaceAll("");
        message = TOKEN.matcher(message).replaceAll("");
        message = COERCE.matcher(message).replaceAll("expected `$3`, found a JSON $1 $2");
        message = DESERIALIZE.matcher(message).replaceAll("expected `$1`, found a JSON ");
        message = message.replace("not allowed to deserialize Enum value out of number",
                "an enum travels as its name, not as a number");
        message = message.replace(", not marked as ignorable", " has no such property");
        message = message.replaceAll("\\s+", " ").trim();
        if (message.endsWith(";") || message.endsWith(",") || message.endsWith(":")) {
            message = message.substring(0, message.length() - 1);
        }
        String path = error instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        return path.isEmpty() ? message : message + " (at " + path + ")";
    }

    /** {@code points[0].x} for the reference chain of a nested failure; empty at the top level. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
