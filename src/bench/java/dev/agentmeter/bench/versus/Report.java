package dev.agentmeter.bench.versus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result table: one row per target with both figures, their ratio and whether the target is met, and rows of
 * reference figures beside them.
 */
final class Report {

    private final List<String> rows = new ArrayList<>();
    private boolean allMet = true;

    /** AgentMeter against the TypeScript server; the ratio is AgentMeter / TypeScript. */
    void versus(String what, double agentMeter, double typeScript, String target, boolean higherIsBetter) {
        add(what, agentMeter, typeScript, target, higherIsBetter);
    }

    /** Two AgentMeter figures; the ratio is first / second. */
    void ratio(String what, double first, double second, String target, boolean higherIsBetter) {
        add(what, first, second, target, higherIsBetter);
    }

    /** A row to read a target against, with no target of its own: first / second. */
    void reference(String what, double first, double second) {
        rows.add(row(what, first, second, first / second, "", "reference"));
    }

    private void add(String what, double first, double second, String target, boolean higherIsBetter) {
        double ratio = first / second;
        double bound = Double.parseDouble(target.replaceAll("[^0-9.]", ""));
        boolean met = higherIsBetter ? ratio >= bound : ratio <= bound;
        allMet &= met;
        rows.add(row(what, first, second, ratio, target, met ? "met" : "NOT met"));
    }

    private static String row(String what, double first, double second, double ratio, String target, String verdict) {
        return String.format(Locale.ROOT, "%-72s %12.1f %12.1f %7.2f  %-7s %s", what, first, second, ratio, target,
                verdict);
    }

    boolean allMet() {
        return allMet;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-72s %12s %12s %7s  %-7s %s%n", "target", "first", "second", "ratio",
                "target", "") + String.join("\n", rows);
    }
}
