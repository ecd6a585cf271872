package dev.agentmeter.operations;

import dev.agentmeter.pricing.PriceTable;

/**
 * Prices model calls at list price: the bundled price table, with a user's table ({@code --prices}) over it.
 * The bundled table is parsed at the first call that needs a price, not at start-up.
 *
 * <p>Thread-safe: the merged table is built at most a few times under a race and is immutable.
 */
public final class ListPrices implements CostEstimator {

    private final PriceTable user;
    // Written once by the first pricing thread (a racing one may build an equal copy); read by every other.
    private volatile PriceTable table;

    /** List prices from the bundled table, with {@code user}'s rows over it ({@code null}: the bundled alone). */
    public ListPrices(PriceTable user) {
        this.user = user;
    }

    @Override
    public Long costNanoUsd(String provider, String model, long input, long output, long cacheRead,
                            long cacheWrite) {
        return table().find(provider, model)
                .map(price -> price.costNanoUsd(input, output, cacheRead, cacheWrite))
                .orElse(null);
    }

    private PriceTable table() {
        PriceTable current = table;
        if (current == null) {
            current = user == null ? PriceTable.bundled() : PriceTable.bundled().overriddenBy(user);
            table = current;
        }
        return current;
    }
}
