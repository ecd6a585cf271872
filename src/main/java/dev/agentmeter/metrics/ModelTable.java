package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-model figures with a cap on distinct models, so a flood of made-up model names cannot grow memory (or
 * an exported label's cardinality) without bound: models beyond the cap share the
 * {@link PerformanceMetrics#OTHER_MODELS} entry. Like {@link TaskTable} and {@link AgentTable}.
 *
 * <p>Thread-safe: any thread may look up a model; draining and reading follow {@link PhasedStats}.
 */
final class ModelTable {

    private static final Comparator<ModelStats> BUSIEST_FIRST = Comparator.comparingLong(ModelStats::requests)
            .thenComparingLong(stats -> stats.usage().totalTokens()).reversed()
            .thenComparing(ModelStats::model);

    private final int maxModels;
    // Added to by recording threads, never removed from (a reset replaces the whole table).
    private final ConcurrentHashMap<String, ModelFigures> byModel = new ConcurrentHashMap<>();
    // Reserved by recording threads before adding a model, so the cap holds exactly under races.
    private final AtomicInteger reservedModels = new AtomicInteger();
    private final ModelFigures other = new ModelFigures(true);

    ModelTable(int maxModels) {
        this.maxModels = maxModels;
    }

    ModelFigures figuresFor(String model) {
        ModelFigures figures = byModel.get(model);
        if (figures != null) {
            return figures;
        }
        if (reservedModels.incrementAndGet() > maxModels) {
            reservedModels.decrementAndGet();
            return other;
        }
        var created = new ModelFigures(false);
        ModelFigures existing = byModel.putIfAbsent(model, created);
        if (existing != null) {
            reservedModels.decrementAndGet(); // another thread added the same model first
            return existing;
        }
        return created;
    }

    void drain(int quiescentPhase) {
        byModel.values().forEach(figures -> figures.drain(quiescentPhase));
        other.drain(quiescentPhase);
    }

    /** Every model with a call or usage, the busiest first (most calls, then most tokens). */
    List<ModelStats> all() {
        var result = new ArrayList<ModelStats>(byModel.size() + 1);
        byModel.forEach((model, figures) -> addIfRecorded(result, model, figures));
        addIfRecorded(result, PerformanceMetrics.OTHER_MODELS, other);
        result.sort(BUSIEST_FIRST);
        return result;
    }

    private static void addIfRecorded(List<ModelStats> result, String model, ModelFigures figures) {
        if (figures.recorded()) {
            result.add(figures.stats(model));
        }
    }
}
