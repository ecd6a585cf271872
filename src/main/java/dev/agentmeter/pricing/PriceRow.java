package dev.agentmeter.pricing;

/**
 * One row of a price table.
 *
 * @param provider canonical provider ({@link ProviderNames#canonical}); empty for a row that prices the model
 *                 whoever serves it
 * @param model    normalised model id ({@link ModelIds#normalise})
 * @param line     the row's line in its file, for messages
 */
record PriceRow(String provider, String model, MatchKind match, ModelPrice price, int line) {
}
