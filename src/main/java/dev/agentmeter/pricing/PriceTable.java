package dev.agentmeter.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model list prices: which {@link ModelPrice} applies to a model call. The table shipped in the jar
 * ({@link #bundled()}) can be overridden and extended by a user's file ({@code --prices FILE}, {@link #load}).
 *
 * <p>Lookup ({@link #find}) normalises the reported id ({@link ModelIds}), then takes the row with the same id,
 * else the prefix row with the longest id that the reported id continues after a separator ({@code -}, {@code _}
 * or {@code :}; a dot is not one, so {@code gpt-4} never prices {@code gpt-4.1}). Only rows whose provider
 * agrees with the call's count ({@link ProviderNames}); among rows for the same id, the call's own provider
 * wins, then a row for any provider, then the rest, then the earlier row. An unknown model has no price (its
 * cost is unknown, never zero).
 *
 * <p>Immutable; thread-safe: lookups read final maps built once.
 */
public final class PriceTable {

    /** Where the bundled table lives in the jar. */
    static final String BUNDLED_RESOURCE = "/pricing/prices.csv";
    /** A user file larger than this is refused before it is read (a table is tens of kilobytes). */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** Rows in precedence order: a user's rows before the bundled ones. */
    private final List<PriceRow> rows;
    /** Every row by model id. */
    private final Map<String, List<PriceRow>> rowsByModel;
    /** The prefix rows by model id. */
    private final Map<String, List<PriceRow>> prefixRowsByModel;

    private PriceTable(List<PriceRow> rows) {
        this.rows = List.copyOf(rows);
        this.rowsByModel = index(this.rows, false);
        this.prefixRowsByModel = index(this.rows, true);
    }

    /** The table shipped in the jar, read on first use and kept (start-up never pays for it). */
    public static PriceTable bundled() {
        return Bundled.TABLE;
    }

    /**
     * A user's table, in the bundled table's format (see README, "Prices").
     *
     * @throws PriceFileException when the file cannot be read or is malformed; the message is one line naming
     *                            the file, the line and the problem
     */
    public static PriceTable load(Path file) throws PriceFileException {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PriceFileException(source + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return new PriceTable(PriceCsv.parse(source, reader));
            }
        } catch (NoSuchFileException e) {
            throw new PriceFileException(source + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new PriceFileException(source + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new PriceFileException(source + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * This table with a user's rows put first: a user row replaces this table's row for the same model and
     * provider, and a user row without a provider replaces every row of that model; other user rows add models
     * (or providers of a model).
     */
    public PriceTable overriddenBy(PriceTable user) {
        List<PriceRow> merged = new ArrayList<>(user.rows);
        for (PriceRow row : rows) {
            if (!replacedBy(row, user)) {
                merged.add(row);
            }
        }
        return new PriceTable(merged);
    }

    /**
     * The list price of a model call.
     *
     * @param provider the provider the call went to ({@code gen_ai.provider.name} or similar), or null
     * @param model    the model id as reported
     * @return the price, or empty when the table has no row for the model (with an agreeing provider)
     */
    public Optional<ModelPrice> find(String provider, String model) {
        String id = ModelIds.normalise(model);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String callProvider = ProviderNames.canonical(provider);
        PriceRow exact = best(rowsByModel.get(id), callProvider);
        if (exact != null) {
            return Optional.of(exact.price());
        }
        for (int end = id.length() - 1; end > 0; end--) {
            if (isSeparator(id.charAt(end))) {
                PriceRow prefix = best(prefixRowsByModel.get(id.substring(0, end)), callProvider);
                if (prefix != null) {
                    return Optional.of(prefix.price());
                }
            }
        }
        return Optional.empty();
    }

    /** How many rows the table has. */
    public int size() {
        return rows.size();
    }

    private boolean replacedBy(PriceRow row, PriceTable user) {
        for (PriceRow userRow : user.rowsByModel.getOrDefault(row.model(), List.of())) {
            if (userRow.provider().isEmpty() || userRow.provider().equals(row.provider())) {
                return true;
            }
        }
        return false;
    }

    private static PriceRow best(List<PriceRow> candidates, String callProvider) {
        if (candidates == null) {
            return null;
        }
        PriceRow best = null;
        int bestAffinity = 0;
        for (PriceRow row : candidates) {
            int affinity = ProviderNames.affinity(callProvider, row.provider());
            if (affinity > bestAffinity) {
                best = row;
                bestAffinity = affinity;
            }
        }
        return best;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == ':';
    }

    private static Map<String, List<PriceRow>> index(List<PriceRow> rows, boolean prefixOnly) {
        Map<String, List<PriceRow>> byModel = new HashMap<>();
        for (PriceRow row : rows) {
            if (!prefixOnly || row.match() == MatchKind.PREFIX) {
                byModel.computeIfAbsent(row.model(), model -> new ArrayList<>()).add(row);
            }
        }
        Map<String, List<PriceRow>> frozen = new HashMap<>();
        byModel.forEach((model, list) -> frozen.put(model, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    /** Holder: the JVM runs this once, on the first call to {@link #bundled()}, never at start-up. */
    private static final class Bundled {
        static final PriceTable TABLE = read();

        private static PriceTable read() {
            InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE);
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + BUNDLED_RESOURCE);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return new PriceTable(PriceCsv.parse("bundled " + BUNDLED_RESOURCE, reader));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + BUNDLED_RESOURCE, e);
            } catch (PriceFileException e) {
                throw new IllegalStateException("the bundled price table is malformed: " + e.getMessage(), e);
            }
        }
    }
}
