package dev.agentmeter.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a price table file: a header line, then one row per model; {@code #} starts a comment line; blank
 * lines are skipped.
 *
 * <pre>
 * provider,model,match,input_per_mtok,output_per_mtok,cache_read_per_mtok,cache_write_per_mtok
 * anthropic,claude-sonnet-4-5,prefix,3,15,0.3,3.75
 * ,my-finetune,exact,1.5,6,,
 * </pre>
 *
 * Prices are USD per million tokens, 0 to 1,000,000, at most 9 decimal places; an empty cache price means
 * "priced as input". {@code provider} may be empty (any provider). Fields are plain (no quoting: no model id
 * or provider name holds a comma). Every problem is a {@link PriceFileException} naming the source, the line
 * and what is wrong.
 *
 * <p>Hand-written rather than with a CSV library: the pricing room depends only on the JDK, the format has no
 * quoting or escapes, and the work is in the per-field checks and their messages, which a library would not
 * give. Stateless; thread-safe.
 */
final class PriceCsv {

    static final List<String> COLUMNS = List.of("provider", "model", "match", "input_per_mtok",
            "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok");
    static final String HEADER = String.join(",", COLUMNS);
    /** At most this many rows in one file: a table is a few hundred rows, a bigger file is a mistake. */
    static final int MAX_ROWS = 10_000;

    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf((long) ModelPrice.MAX_PER_MILLION);
    private static final int MAX_DECIMALS = 9;

    private PriceCsv() {
    }

    /** The rows of a table read from {@code reader}; {@code source} names it in messages. */
    static List<PriceRow> parse(String source, BufferedReader reader) throws PriceFileException, IOException {
        List<PriceRow> rows = new ArrayList<>();
        Map<String, Integer> firstLineOfKey = new HashMap<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String text = (lineNumber == 1 ? withoutByteOrderMark(line) : line).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                requireHeader(source, lineNumber, text);
                headerSeen = true;
                continue;
            }
            if (rows.size() == MAX_ROWS) {
                throw problem(source, lineNumber, "more than " + MAX_ROWS + " rows");
            }
            PriceRow row = row(source, lineNumber, text);
            String key = row.provider() + "," + row.model();
            Integer first = firstLineOfKey.putIfAbsent(key, lineNumber);
            if (first != null) {
                throw problem(source, lineNumber, "a second row for model '" + row.model() + "'"
                        + (row.provider().isEmpty() ? "" : " of provider '" + row.provider() + "'")
                        + "; the first is on line " + first);
            }
            rows.add(row);
        }
        if (!headerSeen) {
            throw new PriceFileException(source + ": no header line; expected '" + HEADER + "'");
        }
        return rows;
    }

    private static void requireHeader(String source, int lineNumber, String text) throws PriceFileException {
        List<String> names = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        if (!names.equals(COLUMNS)) {
            throw problem(source, lineNumber, "expected the header '" + HEADER + "', found '" + text + "'");
        }
    }

    private static PriceRow row(String source, int lineNumber, String text) throws PriceFileException {
        String[] fields = text.split(",", -1);
        if (fields.length != COLUMNS.size()) {
            throw problem(source, lineNumber, "expected " + COLUMNS.size() + " columns (" + HEADER + "), found "
                    + fields.length);
        }
        String provider = provider(source, lineNumber, fields[0].strip());
        String model = model(source, lineNumber, fields[1].strip());
        MatchKind match = match(source, lineNumber, fields[2].strip());
        double input = requiredPrice(source, lineNumber, COLUMNS.get(3), fields[3].strip());
        double output = requiredPrice(source, lineNumber, COLUMNS.get(4), fields[4].strip());
        double cacheRead = optionalPrice(source, lineNumber, COLUMNS.get(5), fields[5].strip(), input);
        double cacheWrite = optionalPrice(source, lineNumber, COLUMNS.get(6), fields[6].strip(), input);
        return new PriceRow(provider, model, match, new ModelPrice(input, output, cacheRead, cacheWrite),
                lineNumber);
    }

    private static String provider(String source, int lineNumber, String field) throws PriceFileException {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                throw problem(source, lineNumber, "provider '" + field
                        + "' may hold only letters, digits, '.', '_' and '-'");
            }
        }
        return ProviderNames.canonical(field);
    }

    private static String model(String source, int lineNumber, String field) throws PriceFileException {
        if (field.isEmpty()) {
            throw problem(source, lineNumber, "model is empty");
        }
        String model = ModelIds.normalise(field);
        if (model.isEmpty()) {
            throw problem(source, lineNumber, "model '" + field + "' names no model");
        }
        return model;
    }

    private static MatchKind match(String source, int lineNumber, String field) throws PriceFileException {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "exact" -> MatchKind.EXACT;
            case "prefix" -> MatchKind.PREFIX;
            default -> throw problem(source, lineNumber, "match '" + field + "' is neither exact nor prefix");
        };
    }

    private static double optionalPrice(String source, int lineNumber, String column, String field,
            double inputPrice) throws PriceFileException {
        return field.isEmpty() ? inputPrice : requiredPrice(source, lineNumber, column, field);
    }

    private static double requiredPrice(String source, int lineNumber, String column, String field)
            throws PriceFileException {
        if (field.isEmpty()) {
            throw problem(source, lineNumber, column + " is empty");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(field);
        } catch (NumberFormatException e) {
            throw problem(source, lineNumber, column + " '" + field + "' is not a number");
        }
        if (price.signum() < 0) {
            throw problem(source, lineNumber, column + " " + field + " is negative");
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            throw problem(source, lineNumber, column + " " + field + " is above " + MAX_PRICE + " USD per million");
        }
        if (price.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw problem(source, lineNumber, column + " " + field + " has more than " + MAX_DECIMALS
                    + " decimal places");
        }
        return price.doubleValue();
    }

    private static String withoutByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static PriceFileException problem(String source, int lineNumber, String what) {
        return new PriceFileException(source + " line " + lineNumber + ": " + what);
    }
}
