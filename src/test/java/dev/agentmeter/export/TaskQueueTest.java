package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.OnThreads;

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
        OnThreads.run(threads, thread -> {
            TaskRecord task = task("w" + thread);
            for (int i = 0; i < perThread; i++) {
                queue.offer(task);
            }
        });

        assertThat(queue.size()).isEqualTo(capacity);
        assertThat(queue.dropped()).isEqualTo((long) threads * perThread - capacity);
        assertThat(queue.drain(capacity + 1)).hasSize(capacity);
    }
}
