package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-agent figures with a cap on distinct agents, so a flood of agent names cannot grow memory (or a
 * label's cardinality) without bound: agents beyond the cap share the {@link PerformanceMetrics#OTHER_AGENTS}
 * entry. Each agent's task table has its own, smaller cap, so agents × task names stays bounded too.
 *
 * <p>Thread-safe: any thread may look up an agent; draining and reading follow {@link PhasedStats}.
 */
final class AgentTable {

    private final int maxAgents;
    private final int maxTaskNamesPerAgent;
    private final int windowSeconds;
    // Added to by recording threads, never removed from (a reset replaces the whole table).
    private final ConcurrentHashMap<String, AgentFigures> byAgent = new ConcurrentHashMap<>();
    // Reserved by recording threads before adding an agent, so the cap holds exactly under races.
    private final AtomicInteger reservedAgents = new AtomicInteger();
    private final AgentFigures other;

    AgentTable(int maxAgents, int maxTaskNamesPerAgent, int windowSeconds) {
        this.maxAgents = maxAgents;
        this.maxTaskNamesPerAgent = maxTaskNamesPerAgent;
        this.windowSeconds = windowSeconds;
        this.other = new AgentFigures(maxTaskNamesPerAgent, windowSeconds);
    }

    AgentFigures figuresFor(String agent) {
        AgentFigures figures = byAgent.get(agent);
        if (figures != null) {
            return figures;
        }
        if (reservedAgents.incrementAndGet() > maxAgents) {
            reservedAgents.decrementAndGet();
            return other;
        }
        var created = new AgentFigures(maxTaskNamesPerAgent, windowSeconds);
        AgentFigures existing = byAgent.putIfAbsent(agent, created);
        if (existing != null) {
            reservedAgents.decrementAndGet(); // another thread added the same agent first
            return existing;
        }
        return created;
    }

    /** The name an agent's tasks are counted under: itself, or {@link PerformanceMetrics#OTHER_AGENTS}. */
    String labelOf(String agent) {
        return byAgent.containsKey(agent) ? agent : PerformanceMetrics.OTHER_AGENTS;
    }

    /** The figures kept under {@code agent} (a listed name, or "(other)"); empty when it has none. */
    Optional<AgentFigures> find(String agent) {
        return Optional.ofNullable(PerformanceMetrics.OTHER_AGENTS.equals(agent) ? other : byAgent.get(agent));
    }

    void drain(int quiescentPhase) {
        byAgent.values().forEach(figures -> figures.drain(quiescentPhase));
        other.drain(quiescentPhase);
    }

    /** Every agent with at least one task, the busiest first. */
    List<AgentStats> all() {
        var result = new ArrayList<AgentStats>(byAgent.size() + 1);
        byAgent.forEach((agent, figures) -> addIfRecorded(result, agent, figures));
        addIfRecorded(result, PerformanceMetrics.OTHER_AGENTS, other);
        result.sort(Comparator.comparingLong(AgentStats::count).reversed().thenComparing(AgentStats::agent));
        return result;
    }

    private static void addIfRecorded(List<AgentStats> result, String agent, AgentFigures figures) {
        StatsTotals totals = figures.overall.totals();
        if (totals.count() > 0) {
            result.add(new AgentStats(agent, totals.successes(), totals.failures(), totals.latency(),
                    totals.lastRecordedAt()));
        }
    }
}
