package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.TaskRecord;

class TaskQueueTest {

    private static TaskRecord task(String name) {
        return new TaskRecord(name, 1, true, null, Instant.EPOCH);
    }

    @Test
    void tasksLeaveInTheOrderTheyCameInBatchesOfAtMostTheMax() {
        var queue = new TaskQueue(10);
        for (int i = 0; i < 5; i++) {
            queue.offer(task("t" + i));
        }

        assertThat(queue.drain(3)).extracting(TaskRecord::name).containsExactly("t0", "t1", "t2");
        assertThat(queue.drain(3)).extracting(TaskRecord::name).containsExactly("t3", "t4");
        assertThat(queue.drain(3)).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void aFullQueueDropsTheNewTaskAndCountsIt() {
        var queue = new TaskQueue(2);

        assertThat(queue.offer(task("a"))).isEqualTo(1);
        assertThat(queue.offer(task("b"))).isEqualTo(2);
        assertThat(queue.offer(task("c"))).isZero();

        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.drain(10)).extracting(TaskRecord::name).containsExactly("a", "b");
    }

    @Test
    void aClosedQueueDropsEveryOfferButKeepsWhatItHolds() {
        var queue = new TaskQueue(5);
        queue.offer(task("kept"));
        queue.close();

        assertThat(queue.offer(task("late"))).isZero();

        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.drain(5)).extracting(TaskRecord::name).containsExactly("kept");
    }

    @Test
    void theBoundAndTheDropCountStayExactUnderEightConcurrentWriters() throws Exception {
        int threads = 8;
        int perThread = 25_000;
        int capacity = 50_000;
        var queue = new TaskQueue(capacity);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                TaskRecord task = task("w" + t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        queue.offer(task);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(queue.size()).isEqualTo(capacity);
        assertThat(queue.dropped()).isEqualTo((long) threads * perThread - capacity);
        assertThat(queue.drain(capacity + 1)).hasSize(capacity);
    }
}
