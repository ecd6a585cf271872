package dev.agentmeter.web.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.agentmeter.operations.Checked;
import dev.agentmeter.operations.OperationCatalogue;

/**
 * A query string as operation arguments. Every value arrives as text, so one that reads as a plain decimal
 * number becomes that number ({@code limit=5} is the integer 5) and anything else stays text for the
 * operation to judge ({@code limit=abc} is then a type error there, in the same words as over MCP).
 * A name given twice becomes a list. Unknown names are kept: the operation reports them. Parameters that
 * name things ({@code agent}: the catalogue's string arguments of GET routes) stay text even when they look
 * like numbers: an agent may be called "42".
 */
final class QueryArguments {

    // No exponents: "1e999999999" would make a number far too big to build.
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Set<String> TEXT_PARAMETERS = OperationCatalogue.queryTextArguments();

    private QueryArguments() {
    }

    static Checked<Map<String, Object>> parse(String rawQuery) {
        var values = new LinkedHashMap<String, List<Object>>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                String name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
                String value = URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
                Object argument = TEXT_PARAMETERS.contains(name) ? value : typed(value);
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(argument);
            } catch (IllegalArgumentException e) {
                return Checked.invalid("the query string has a malformed percent-encoding");
            }
        }
        var arguments = new LinkedHashMap<String, Object>();
        values.forEach((name, list) -> arguments.put(name, list.size() == 1 ? list.get(0) : List.copyOf(list)));
        return Checked.valid(arguments);
    }

    private static Object typed(String value) {
        if (INTEGER.matcher(value).matches()) {
            return new BigInteger(value);
        }
        if (DECIMAL.matcher(value).matches()) {
            return new BigDecimal(value);
        }
        return value;
    }
}
