package dev.agentmeter.export;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns a growing count of drops into episodes, so that the log says when dropping starts and, once it has
 * stopped for a quiet period, how many were dropped: two lines per episode, never one per drop.
 *
 * <p>Not thread-safe: the exporter's one worker thread observes.
 */
final class DropEpisodes {

    /** An episode began or ended. */
    sealed interface Change permits Started, Ended {
    }

    /** Dropping began; {@code droppedBefore} were dropped in earlier episodes. */
    record Started(long droppedBefore) implements Change {
    }

    /** Dropping stopped: {@code dropped} in this episode, {@code droppedInAll} since start. */
    record Ended(long dropped, long droppedInAll) implements Change {
    }

    private final long quietNanos;
    private final LongSupplier nanoTime;
    private long lastTotal;
    private long episodeStartTotal;
    private long lastIncreaseNanos;
    private boolean dropping;

    DropEpisodes(Duration quietPeriod, LongSupplier nanoTime) {
        this.quietNanos = quietPeriod.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Looks at the count of drops so far; says whether an episode began or ended since the last look. */
    Optional<Change> observe(long droppedTotal) {
        long now = nanoTime.getAsLong();
        if (droppedTotal > lastTotal) {
            long before = lastTotal;
            lastTotal = droppedTotal;
            lastIncreaseNanos = now;
            if (!dropping) {
                dropping = true;
                episodeStartTotal = before;
                return Optional.of(new Started(before));
            }
            return Optional.empty();
        }
        if (dropping && now - lastIncreaseNanos >= quietNanos) {
            dropping = false;
            return Optional.of(new Ended(lastTotal - episodeStartTotal, lastTotal));
        }
        return Optional.empty();
    }
}
