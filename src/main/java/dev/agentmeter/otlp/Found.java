package dev.agentmeter.otlp;

import java.util.Arrays;

/**
 * The values the {@link MappingTable}'s rows found for one item (a span, an event, a data point): per
 * target, the value of the first row in table order whose attribute was present, and that row.
 *
 * <p>Not thread-safe: one item's scratch pad, filled and read by one thread.
 */
final class Found {

    private static final int NONE = Integer.MAX_VALUE;
    private static final Target[] TARGETS = Target.values();

    private final Object[] values;
    private final int[] rows;

    Found() {
        values = new Object[TARGETS.length];
        rows = new int[TARGETS.length];
        Arrays.fill(rows, NONE);
    }

    private Found(Found other) {
        values = other.values.clone();
        rows = other.rows.clone();
    }

    /** A copy to fill further (a span's values on top of its resource's). */
    Found copy() {
        return new Found(this);
    }

    /** Becomes a copy of {@code other} again: one scratch pad reused for every item of a request. */
    Found resetTo(Found other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
        System.arraycopy(other.rows, 0, rows, 0, rows.length);
        return this;
    }

    /** Keeps {@code value} for the target of table row {@code row} unless an earlier row filled it. */
    void offer(int row, Target target, Object value) {
        int slot = target.ordinal();
        if (value != null && row < rows[slot]) {
            values[slot] = value;
            rows[slot] = row;
        }
    }

    Object get(Target target) {
        return values[target.ordinal()];
    }

    boolean has(Target target) {
        return values[target.ordinal()] != null;
    }

    /** The row that filled {@code target}; call only when {@link #has} is true. */
    MappingTable.Row row(Target target) {
        return MappingTable.ROWS.get(rows[target.ordinal()]);
    }

    /** The text of {@code target}, or null when absent or not text. */
    String text(Target target) {
        return values[target.ordinal()] instanceof String text ? text : null;
    }
}
