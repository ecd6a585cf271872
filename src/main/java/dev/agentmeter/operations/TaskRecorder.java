package dev.agentmeter.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The one way operations record tasks: room is taken in the {@link TaskJournal} first, then each task is
 * recorded in memory and appended to the journal. The future it returns completes once the journal holds the
 * tasks, so an operation that answers success when it completes never acknowledges a task a crash could lose.
 *
 * <p>When the journal has no room (storage is falling behind), the recording is refused whole before anything
 * is recorded: the future fails with {@link RecordingRefusedException}, and memory and storage keep agreeing.
 * When the journal has room but cannot write (disk full, read-only), the tasks stay recorded in memory and the
 * future still completes: the journal reports the outage through its {@link Readiness} and its log.
 *
 * <p>Thread-safe. Recording threads share a read lock and take it only to reserve, record and queue the
 * appends; a reset takes it alone, so every task is forgotten by both stores or by neither. The metrics' events
 * are {@linkplain PerformanceMetrics#holdEvents() held} while the lock is held and delivered after it is let go:
 * no listener runs under it, so one that records or resets cannot deadlock and a slow one never delays a reset.
 */
public final class TaskRecorder {

    private static final Logger log = LoggerFactory.getLogger(TaskRecorder.class);
    static final Duration RESET_WAIT = Duration.ofSeconds(10);

    private final PerformanceMetrics metrics;
    private final TaskJournal journal;
    // Shared by recording threads, held alone by reset: orders memory and journal the same way.
    private final ReentrantReadWriteLock order = new ReentrantReadWriteLock();

    public TaskRecorder(PerformanceMetrics metrics, TaskJournal journal) {
        this.metrics = metrics;
        this.journal = journal;
    }

    /** A recorder with no journal: memory only. */
    public static TaskRecorder inMemory(PerformanceMetrics metrics) {
        return new TaskRecorder(metrics, TaskJournal.memoryOnly());
    }

    /** Records {@code task} with its own timestamp; completes with it once the journal holds it. */
    public CompletableFuture<TaskRecord> record(TaskRecord task) {
        return withRoom(1, room -> {
            metrics.record(task);
            return acknowledged(task, room.append(task));
        });
    }

    /** Records a task that finished now; completes with the record as stored once the journal holds it. */
    public CompletableFuture<TaskRecord> record(String name, Duration duration, boolean success, String error) {
        return withRoom(1, room -> {
            TaskRecord task = metrics.record(name, duration, success, error);
            return acknowledged(task, room.append(task));
        });
    }

    /**
     * Records every task of a batch, or none of them: completes with them once the journal holds them all, or
     * fails with {@link RecordingRefusedException} (nothing recorded) when the journal has no room for all.
     */
    public CompletableFuture<List<TaskRecord>> recordAll(List<TaskRecord> tasks) {
        return withRoom(tasks.size(), room -> {
            var kept = new ArrayList<CompletableFuture<Void>>(tasks.size());
            for (TaskRecord task : tasks) {
                metrics.record(task);
                kept.add(room.append(task));
            }
            return acknowledged(tasks, CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)));
        });
    }

    /**
     * Forgets every recorded task, in memory and in the journal, and waits (boundedly) until the journal has
     * forgotten them too, so that a restart right after a reset does not bring them back.
     *
     * @return how many tasks memory forgot
     */
    public long reset() {
        long forgotten;
        CompletableFuture<Void> cleared;
        var alone = order.writeLock();
        try (var held = metrics.holdEvents()) {
            alone.lock();
            try {
                forgotten = metrics.reset();
                cleared = journal.clear();
            } finally {
                alone.unlock();
            }
        }
        awaitCleared(cleared);
        return forgotten;
    }

    /**
     * Runs {@code work} while no reset can begin (recording goes on beside it): for a shared store that folds the
     * tasks other instances committed into memory, where they must land wholly before or wholly after a reset.
     * Such tasks go to {@link #metrics()} only: they are journaled already.
     */
    public <T> T besideRecording(Supplier<T> work) {
        var shared = order.readLock();
        try (var held = metrics.holdEvents()) {
            shared.lock();
            try {
                return work.get();
            } finally {
                shared.unlock();
            }
        }
    }

    /**
     * Runs {@code work} while nothing records or resets: for a shared store that applies another instance's
     * reset to memory (the journal holds that reset already, so {@link #reset} would be one too many).
     */
    public <T> T alone(Supplier<T> work) {
        var exclusive = order.writeLock();
        try (var held = metrics.holdEvents()) {
            exclusive.lock();
            try {
                return work.get();
            } finally {
                exclusive.unlock();
            }
        }
    }

    /** Whether the journal keeps tasks right now. */
    public Readiness readiness() {
        return journal.readiness();
    }

    public PerformanceMetrics metrics() {
        return metrics;
    }

    /** Runs {@code recording} with room for {@code count} tasks, or refuses it when the journal has none. */
    private <T> CompletableFuture<T> withRoom(int count,
                                              Function<TaskJournal.Reservation, CompletableFuture<T>> recording) {
        var shared = order.readLock();
        try (var held = metrics.holdEvents()) {
            shared.lock();
            try {
                Optional<TaskJournal.Reservation> room = journal.reserve(count);
                if (room.isEmpty()) {
                    return CompletableFuture.failedFuture(new RecordingRefusedException());
                }
                try (var reservation = room.get()) {
                    return recording.apply(reservation);
                }
            } finally {
                shared.unlock();
            }
        }
    }

    private static <T> CompletableFuture<T> acknowledged(T recorded, CompletableFuture<Void> kept) {
        if (kept.isDone()) {
            return CompletableFuture.completedFuture(recorded);
        }
        // The journal logs and reports its own write failures: here a failure only means "in memory, not durable".
        return kept.handle((ignored, failure) -> recorded);
    }

    private static void awaitCleared(CompletableFuture<Void> cleared) {
        try {
            cleared.get(RESET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Reset: storage has not confirmed clearing within {}; it goes on in the background", RESET_WAIT);
        } catch (ExecutionException e) {
            log.warn("Reset: storage could not clear its tasks ({}); they may come back after a restart",
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
