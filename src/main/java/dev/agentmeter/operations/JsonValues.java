package dev.agentmeter.operations;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the argument checks need to know of a decoded JSON value: whether it is a whole number, how to name it
 * in an error message, how to print a bound.
 *
 * <p>Thread-safe (stateless).
 */
final class JsonValues {

    private JsonValues() {
    }

    /** A JSON whole number as decoded (an integer type, or a decimal without fraction); empty otherwise. */
    static Optional<BigInteger> wholeNumber(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return Optional.of(BigInteger.valueOf(((Number) raw).longValue()));
        }
        if (raw instanceof BigInteger value) {
            return Optional.of(value);
        }
        if (raw instanceof Double || raw instanceof Float || raw instanceof BigDecimal) {
            // JSON Schema counts 5.0 as an integer; 5.5, NaN and infinities are not.
            double asDouble = ((Number) raw).doubleValue();
            if (!Double.isFinite(asDouble)) {
                return Optional.empty();
            }
            BigDecimal decimal = raw instanceof BigDecimal exact ? exact : BigDecimal.valueOf(asDouble);
            if (decimal.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(decimal.toBigIntegerExact());
        }
        return Optional.empty();
    }

    /** The JSON type of a value, with the value itself when it is short, for error messages. */
    static String describe(Object raw) {
        if (raw instanceof String text) {
            return text.length() <= 20 ? "string \"" + TaskNames.printable(text) + "\"" : "a string";
        }
        if (raw instanceof Boolean value) {
            return "boolean " + value;
        }
        if (raw instanceof Number number) {
            return "number " + number;
        }
        if (raw instanceof Map) {
            return "an object";
        }
        if (raw instanceof List) {
            return "an array";
        }
        return "a value of an unsupported type";
    }

    /** A number as a person writes it: {@code 5}, not {@code 5.0}. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
