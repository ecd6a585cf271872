package dev.agentmeter.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The tasks waiting to be exported: bounded, first in first out, and never waiting. A task that finds the queue
 * full, or closed, is dropped and counted: the newest gives way, so what is queued leaves in order.
 *
 * <p>Hand-written because the SDK's {@code BatchSpanProcessor} queues live spans from a tracer (not finished
 * tasks) and counts its drops only into an OpenTelemetry meter; the JDK's blocking queues take a lock on every
 * offer, which recording threads would contend for.
 *
 * <p>Thread-safe and lock-free: any number of threads offer, one drains.
 */
final class TaskQueue {

    private final int capacity;
    private final ConcurrentLinkedQueue<TaskRecord> tasks = new ConcurrentLinkedQueue<>();
    // Places reserved by offering threads before they add, released by the drainer: the bound holds exactly.
    private final AtomicInteger size = new AtomicInteger();
    // Counted by offering threads, read by anyone.
    private final LongAdder dropped = new LongAdder();
    // Set once by the closing thread, read by offering threads.
    private volatile boolean closed;

    TaskQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Queues {@code task}; returns how many are queued with it, or 0 when it was dropped. */
    int offer(TaskRecord task) {
        if (closed) {
            dropped.increment();
            return 0;
        }
        int reserved = size.incrementAndGet();
        if (reserved > capacity) {
            size.decrementAndGet();
            dropped.increment();
            return 0;
        }
        tasks.add(task);
        return reserved;
    }

    /** Takes up to {@code max} tasks, oldest first. For the one draining thread. */
    List<TaskRecord> drain(int max) {
        var batch = new ArrayList<TaskRecord>(Math.min(max, Math.max(size.get(), 0)));
        TaskRecord task;
        while (batch.size() < max && (task = tasks.poll()) != null) {
            batch.add(task);
            size.decrementAndGet();
        }
        return batch;
    }

    /** From now on every offer is dropped; what is queued stays to be drained. */
    void close() {
        closed = true;
    }

    int size() {
        return size.get();
    }

    int capacity() {
        return capacity;
    }

    /** Tasks dropped so far. */
    long dropped() {
        return dropped.sum();
    }
}
