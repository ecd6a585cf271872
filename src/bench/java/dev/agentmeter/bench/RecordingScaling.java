package dev.agentmeter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;

/**
 * Recording on 1, 2 and 8 threads sharing one store, with the CPU time each record took besides the
 * throughput: on a machine other sessions load, a writer thread gets a varying share of a core, so its
 * throughput moves with the load, but the CPU time of a record moves only with what the record does,
 * including waiting for cache lines that another core holds. A record whose CPU time stays the same from one
 * thread to two scales: two free cores then record twice as much. The JMH benchmarks
 * ({@link RecordingOneThread} and its siblings) give the throughput on a quiet machine.
 *
 * <p>Uses only the public API, so the same class runs against an older build of the metrics core:
 * {@code java -cp harness-classes:old-benchmarks.jar dev.agentmeter.bench.RecordingScaling}.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.agentmeter.bench.RecordingScaling [seconds per run] [rounds] [threads...]
 * </pre>
 */
public final class RecordingScaling {

    private RecordingScaling() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Integer> threadCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threadCounts.add(Integer.parseInt(args[i]));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 2, 8);
        }
        for (int threads : threadCounts) {
            run(threads, seconds); // warm-up: the JIT compiles the recording path for this thread count
        }
        System.out.println("round\tthreads\tMops/s\tCPU ns/op\tMops per CPU-s");
        for (int round = 1; round <= rounds; round++) {
            for (int threads : threadCounts) {
                Result result = run(threads, seconds);
                System.out.printf(Locale.ROOT, "%d\t%d\t%.2f\t%.1f\t%.2f%n", round, threads,
                        result.ops / result.wallSeconds / 1e6, result.cpuNanos / (double) result.ops,
                        result.ops / (result.cpuNanos / 1e9) / 1e6);
            }
        }
    }

    private record Result(long ops, long cpuNanos, double wallSeconds) {
    }

    private static Result run(int threads, double seconds) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        var metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());
        var workload = new Workload(42, clock.instant());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        var start = new CountDownLatch(1);
        var stop = new AtomicBoolean();
        long[] ops = new long[threads];
        long[] cpuNanos = new long[threads];
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            var worker = new Thread(() -> {
                int next = Workload.startFor(thread);
                long done = 0;
                awaitQuietly(start);
                long cpuAtStart = cpu.getCurrentThreadCpuTime();
                while (!stop.get()) {
                    for (int i = 0; i < 256; i++) { // check the flag now and then, not on every record
                        metrics.record(workload.names[next], workload.durations[next], workload.successes[next],
                                workload.errors[next]);
                        next = (next + 1) & Workload.MASK;
                    }
                    done += 256;
                }
                cpuNanos[thread] = cpu.getCurrentThreadCpuTime() - cpuAtStart;
                ops[thread] = done;
            }, "writer-" + t);
            workers.add(worker);
            worker.start();
        }
        long wallStart = System.nanoTime();
        start.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        long totalOps = 0;
        long totalCpu = 0;
        for (int t = 0; t < threads; t++) {
            totalOps += ops[t];
            totalCpu += cpuNanos[t];
        }
        if (metrics.snapshot().totalRequests() != totalOps) {
            throw new IllegalStateException("the store counted " + metrics.snapshot().totalRequests()
                    + " records, the writers made " + totalOps);
        }
        return new Result(totalOps, totalCpu, wallSeconds);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
