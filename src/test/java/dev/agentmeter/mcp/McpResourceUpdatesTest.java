package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.agentmeter.mcp.features.TaskUris;
import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.OnThreads;

/** Coalescing: however many tasks land between two ticks, each changed resource is named once, and only those. */
class McpResourceUpdatesTest {

    private final List<String> known = new CopyOnWriteArrayList<>();
    private final ResourceUpdates updates = new ResourceUpdates(() -> List.copyOf(known));

    @Test
    void nothingChangedNamesNothing() {
        assertThat(updates.drain()).isEmpty();
    }

    @Test
    void aThousandTasksOfOneNameAreOneUpdatePerResource() {
        known.add("crawl");
        IntStream.range(0, 1_000).forEach(i -> updates.accept(task("crawl", true)));

        assertThat(updates.drain()).containsExactly("agentmeter://metrics", "agentmeter://dashboard",
                "agentmeter://history", "agentmeter://tasks/crawl");
        assertThat(updates.drain()).isEmpty();
    }

    @Test
    void usageWithoutATaskChangesOnlyTheMetricsAndTheDashboard() {
        updates.accept(usageRecorded());
        updates.accept(usageRecorded());

        assertThat(updates.drain()).containsExactly("agentmeter://metrics", "agentmeter://dashboard");
        assertThat(updates.drain()).isEmpty();
    }

    @Test
    void usageAndATaskInOneTickNameEachResourceOnce() {
        known.add("crawl");
        updates.accept(usageRecorded());
        updates.accept(task("crawl", true));

        assertThat(updates.drain()).containsExactly("agentmeter://metrics", "agentmeter://dashboard",
                "agentmeter://history", "agentmeter://tasks/crawl");
    }

    @Test
    void onlyAFailureChangesTheErrorLog() {
        known.add("flaky");
        updates.accept(task("flaky", false));

        assertThat(updates.drain()).contains("agentmeter://errors");
    }

    @Test
    void aNameBeyondTheCapChangesTheOtherBucket() {
        updates.accept(task("name 501", true));

        assertThat(updates.drain()).contains("agentmeter://tasks/%28other%29").doesNotContain("agentmeter://tasks/name%20501");
    }

    @Test
    void aResetChangesEveryResourceAndEveryTaskNamedSinceThePreviousReset() {
        known.addAll(List.of("a b", "c"));
        updates.accept(task("a b", true));
        updates.accept(task("c", true));
        updates.drain();
        known.clear();

        updates.accept(new MetricsEvent.MetricsReset(2));

        assertThat(updates.drain()).containsExactlyInAnyOrder("agentmeter://metrics", "agentmeter://dashboard",
                "agentmeter://history", "agentmeter://errors", "agentmeter://tasks/a%20b", "agentmeter://tasks/c",
                "agentmeter://tasks/%28other%29");
        updates.accept(new MetricsEvent.MetricsReset(0));
        assertThat(updates.drain()).filteredOn(uri -> uri.startsWith(TaskUris.PREFIX))
                .containsExactly("agentmeter://tasks/%28other%29");
    }

    @Test
    void aFloodOfNamesNamesEveryKnownTaskOnceInsteadOfGrowingWithoutBound() {
        known.add("known");
        IntStream.range(0, ResourceUpdates.MAX_CHANGED_NAMES + 500).forEach(i -> updates.accept(task("n" + i, true)));

        List<String> uris = updates.drain();

        assertThat(uris).contains("agentmeter://tasks/known", "agentmeter://tasks/%28other%29");
        assertThat(uris).hasSizeLessThanOrEqualTo(3 + 2);
    }

    @Test
    void changesFromEightThreadsAreAllNamedAtTheNextDrain() throws Exception {
        IntStream.range(0, 8).forEach(i -> known.add("t" + i));
        OnThreads.run(8, thread -> IntStream.range(0, 1_000).forEach(i -> updates.accept(task("t" + thread, true))));

        assertThat(updates.drain()).filteredOn(uri -> uri.startsWith(TaskUris.PREFIX)).hasSize(8);
    }

    private static MetricsEvent task(String name, boolean success) {
        return taskRecorded(name, 1.5, success, success ? null : "boom");
    }

    private static MetricsEvent taskRecorded(String name, double millis, boolean success, String error) {
        return new MetricsEvent.TaskRecorded(new TaskRecord(name, Math.round(millis * 1000), success, error,
                java.time.Instant.EPOCH));
    }

    private static MetricsEvent usageRecorded() {
        return new MetricsEvent.UsageRecorded(null, new ModelCall("m", null, 5L, null, null, null, null),
                java.time.Instant.EPOCH);
    }
}
