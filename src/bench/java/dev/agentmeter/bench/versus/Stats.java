package dev.agentmeter.bench.versus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Median and printing of repeated samples. Stateless. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> samples) {
        var sorted = new ArrayList<>(samples);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String rounded(List<Double> samples) {
        return samples.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(" "));
    }
}
