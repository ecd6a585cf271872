package dev.agentmeter.operations;

import dev.agentmeter.metrics.ModelCall;

/**
 * Usage as recorded without a task: who, which model, the tokens ({@code inputTokens} counts cached ones too)
 * and the cost, as reported or estimated from the price table; null when unknown.
 */
public record UsageView(String agent, String model, String provider, Long inputTokens, Long outputTokens,
                        Long cacheReadTokens, Long cacheWriteTokens, Double costUsd) {

    static UsageView of(String agent, ModelCall usage) {
        return new UsageView(agent, usage.model(), usage.provider(), usage.inputTokens(), usage.outputTokens(),
                usage.cacheReadTokens(), usage.cacheWriteTokens(), usage.costUsd());
    }
}
