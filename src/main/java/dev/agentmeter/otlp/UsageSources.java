package dev.agentmeter.otlp;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The double-counting rule: the same usage may come as tasks (spans, events) and as metrics
 * ({@code gen_ai.client.token.usage}, {@code claude_code.token.usage}). Once a sender ({@code service.name})
 * has sent a model call with usage as a span or an event, its usage metrics are ignored from then on; until
 * then they count. What metrics added before that first task stays added (it cannot be told apart later).
 *
 * <p>Bounded: at most {@code maxSenders} senders are remembered. Past that, metric usage of any sender not
 * remembered is ignored too, so the totals may miss usage but never count it twice.
 *
 * <p>Thread-safe.
 */
final class UsageSources {

    private static final Logger log = LoggerFactory.getLogger(UsageSources.class);

    private final int maxSenders;
    // Added to by request threads (spans, events with usage); read by request threads (metrics).
    private final Set<String> sendersWithTaskUsage = ConcurrentHashMap.newKeySet();
    // Set once, by the first sender refused for the bound, so that the warning is logged once.
    private final AtomicBoolean full = new AtomicBoolean();

    UsageSources(int maxSenders) {
        this.maxSenders = maxSenders;
    }

    /** These senders' tasks carried usage. */
    void tasksCarriedUsage(Collection<String> senders) {
        for (String sender : senders) {
            if (sendersWithTaskUsage.contains(sender)) {
                continue;
            }
            if (sendersWithTaskUsage.size() >= maxSenders) {
                if (full.compareAndSet(false, true)) {
                    log.warn("OTLP: more than {} senders report usage in spans or events; metric usage of others "
                            + "is ignored from now on", maxSenders);
                }
                return;
            }
            sendersWithTaskUsage.add(sender);
        }
    }

    /** Whether usage metrics from {@code sender} count. */
    boolean metricsCount(String sender) {
        return !sendersWithTaskUsage.contains(sender) && !full.get();
    }
}
