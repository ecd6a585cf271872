package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.agentmeter.metrics.TaskRecord;

/** Tasks that agents report themselves: record_agent_task and POST /api/tasks, and the agent filters. */
class TaskReportOperationsTest {

    private final OperationsFixture fixture = new OperationsFixture();
    private final PerformanceOperations operations = fixture.operations;

    @AfterEach
    void stopTimer() throws InterruptedException {
        fixture.close();
    }

    private static Map<String, Object> task(String name, Object durationMs, Object success) {
        var task = new HashMap<String, Object>();
        task.put("name", name);
        task.put("duration_ms", durationMs);
        task.put("success", success);
        return task;
    }

    private static Map<String, Object> with(Map<String, Object> task, String key, Object value) {
        task.put(key, value);
        return task;
    }

    private static List<Map<String, Object>> goodBatch(int size) {
        return IntStream.range(0, size).mapToObj(i -> task("task-" + i % 7, i, true))
                .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
    }

    private static String message(Envelope envelope) {
        assertThat(envelope).isInstanceOf(Envelope.Failure.class);
        return ((Envelope.Failure) envelope).message();
    }

    private long total() {
        return fixture.metrics.snapshot().totalRequests();
    }

    @Test
    void recordAgentTaskAnswersTheRecordedHistoryEntry() {
        Envelope envelope = recordOneNow(Arguments.of(
                with(with(task("crawl", 1234.5, false), "error", "timeout"), "agent", "claude-code")));

        assertThat(((Envelope.Success) envelope).data()).isEqualTo(new HistoryEntryView(
                "2026-11-24T10:00:00.000Z", "crawl", 1234.5, false, "timeout", "claude-code"));
        assertThat(fixture.metrics.history(1)).singleElement().extracting(TaskRecord::agent).isEqualTo("claude-code");
    }

    @Test
    void recordAgentTaskRefusesAnUnknownArgument() {
        Envelope envelope = recordOneNow(Arguments.of(with(task("crawl", 5, true), "duration", 5)));

        assertThat(message(envelope)).isEqualTo(
                "unknown argument 'duration'; expected: name, duration_ms, success, error, agent, model, provider, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, trace_id");
        assertThat(total()).isZero();
    }

    @Test
    void singleReportedTaskIsRecordedWithItsArrivalTime() {
        Envelope envelope = recordNow(task("crawl", 42, true));

        assertThat(((Envelope.Success) envelope).data()).isEqualTo(new RecordedTasks(1));
        assertThat(fixture.metrics.history(1)).singleElement().satisfies(recorded -> {
            assertThat(recorded.durationMicros()).isEqualTo(42_000);
            assertThat(recorded.timestamp()).isEqualTo(fixture.clock.instant());
            assertThat(recorded.agent()).isNull();
        });
    }

    @Test
    void batchOfAThousandIsRecordedWhole() {
        Envelope envelope = recordNow(goodBatch(TaskReportLimits.MAX_BATCH_SIZE));

        assertThat(((Envelope.Success) envelope).data()).isEqualTo(new RecordedTasks(1000));
        assertThat(total()).isEqualTo(1000);
    }

    @Test
    void batchOverTheCapIsRefusedAsTooLarge() {
        Envelope envelope = recordNow(goodBatch(TaskReportLimits.MAX_BATCH_SIZE + 1));

        assertThat(((Envelope.Failure) envelope).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(message(envelope)).contains("at most 1000 tasks, got 1001");
        assertThat(total()).isZero();
    }

    @Test
    void emptyBatchIsRefused() {
        assertThat(message(recordNow(List.of()))).isEqualTo("the batch is empty; send at least one task");
    }

    @Test
    void documentThatIsNeitherObjectNorArrayIsRefused() {
        assertThat(message(recordNow("crawl")))
                .isEqualTo("expected a task object or an array of task objects, got string \"crawl\"");
    }

    @Test
    void batchWithOneBadItemRecordsNothingAndNamesItsIndex() {
        var batch = goodBatch(10);
        batch.set(3, task("crawl", -5, true));

        Envelope envelope = recordNow(batch);

        assertThat(message(envelope)).isEqualTo(
                "nothing was recorded: items[3].duration_ms must be between 0 and 86400000 milliseconds (got -5)");
        assertThat(total()).isZero();
        assertThat(fixture.metrics.history(100)).isEmpty();
    }

    @Test
    void batchRefusalNamesEveryBadItem() {
        var batch = goodBatch(10);
        batch.set(3, task("crawl", -5, true));
        batch.get(7).remove("name");

        assertThat(message(recordNow(batch))).isEqualTo("nothing was recorded: "
                + "items[3].duration_ms must be between 0 and 86400000 milliseconds (got -5); items[7].name is required");
    }

    @Test
    void batchRefusalListsTwentyProblemsAndCountsTheRest() {
        var batch = new ArrayList<Object>();
        for (int i = 0; i < 25; i++) {
            batch.add(task("crawl", -1, true));
        }

        String message = message(recordNow(batch));

        assertThat(message).contains("items[19].duration_ms").doesNotContain("items[20]").endsWith("; and 5 more");
    }

    @Test
    void batchItemThatIsNotAnObjectIsNamed() {
        var batch = new ArrayList<Object>(goodBatch(2));
        batch.add(5);

        assertThat(message(recordNow(batch)))
                .isEqualTo("nothing was recorded: items[2]: must be a task object, got number 5");
    }

    @Test
    void batchItemWithAnUnknownFieldIsNamed() {
        var batch = goodBatch(1);
        batch.get(0).put("timestamp", "2026-11-24T10:00:00Z");

        assertThat(message(recordNow(batch))).isEqualTo("nothing was recorded: items[0]: "
                + "unknown argument 'timestamp'; expected: name, duration_ms, success, error, agent, model, provider, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, trace_id");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "name           | name is required",
        "duration_ms    | duration_ms is required",
        "success        | success is required",
    })
    void missingRequiredFieldIsRefused(String field, String expected) {
        Map<String, Object> report = task("crawl", 5, true);
        report.remove(field);

        assertThat(message(recordNow(report))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "duration_ms | 86400001   | duration_ms must be between 0 and 86400000 milliseconds (got 86400001)",
        "duration_ms | fast       | duration_ms must be a number of milliseconds, got string \"fast\"",
        "success     | yes        | success must be a boolean (true or false), got string \"yes\"",
        "name        | ' '        | name must not be empty or blank",
        "agent       | ' '        | agent must not be empty or blank",
    })
    void badFieldValueIsRefused(String field, String value, String expected) {
        Object typed = field.equals("duration_ms") && value.matches("\\d+") ? (Object) Long.parseLong(value) : value;

        assertThat(message(recordNow(with(task("crawl", 5, true), field, typed)))).isEqualTo(expected);
    }

    @Test
    void agentThatIsNotAStringIsRefused() {
        assertThat(message(recordNow(with(task("crawl", 5, true), "agent", 7))))
                .isEqualTo("agent must be a string or null, got number 7");
    }

    @Test
    void tooLongAgentIsRefused() {
        assertThat(message(recordNow(with(task("crawl", 5, true), "agent", "a".repeat(101)))))
                .isEqualTo("agent must be at most 100 characters, got 101");
    }

    @Test
    void twentyFourHoursIsAcceptedExactly() {
        recordNow(task("nightly", 86_400_000, true));

        assertThat(fixture.metrics.history(1).get(0).durationMicros()).isEqualTo(86_400_000_000L);
    }

    @Test
    void namesAndAgentsAreSanitized() {
        recordNow(with(task(" cr\u0007awl ", 5, true), "agent", "bot\u202E\n"));

        TaskRecord recorded = fixture.metrics.history(1).get(0);
        assertThat(recorded.name()).isEqualTo("crawl");
        assertThat(recorded.agent()).isEqualTo("bot");
    }

    @Test
    void longErrorIsCutToAThousandCharactersWithoutControlCharacters() {
        recordNow(with(task("crawl", 5, false), "error", "\u0000x" + "e".repeat(2000)));

        String error = fixture.metrics.history(1).get(0).error();
        assertThat(error).hasSize(TaskReportLimits.MAX_ERROR_LENGTH).startsWith("xe");
    }

    @Test
    void errorOfASuccessfulTaskIsDropped() {
        recordNow(with(task("crawl", 5, true), "error", "ignored"));

        assertThat(fixture.metrics.history(1).get(0).error()).isNull();
    }

    @Test
    void failureWithoutErrorIsLoggedAsUnknownError() {
        recordNow(with(task("crawl", 5, false), "error", null));

        assertThat(fixture.metrics.errors(1).get(0).error()).isEqualTo(TaskRecord.UNKNOWN_ERROR);
    }

    @Test
    void explicitNullErrorAndAgentMeanNone() {
        Envelope envelope = recordNow(with(with(task("crawl", 5, true), "error", null), "agent", null));

        assertThat(envelope.isError()).isFalse();
        assertThat(fixture.metrics.history(1).get(0).agent()).isNull();
    }

    @Test
    void batchesReportedByEightThreadsAreAllRecordedPerAgent() throws Exception {
        int threads = 8;
        int batchesPerThread = 20;
        int batchSize = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<Envelope>>();
            for (int t = 0; t < threads; t++) {
                String agent = "agent-" + t % 4;
                futures.add(pool.submit(() -> {
                    start.await();
                    Envelope last = null;
                    for (int b = 0; b < batchesPerThread; b++) {
                        var batch = goodBatch(batchSize);
                        batch.forEach(item -> item.put("agent", agent));
                        last = recordNow(batch);
                    }
                    return last;
                }));
            }
            start.countDown();
            for (Future<Envelope> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS).isError()).isFalse();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(total()).isEqualTo((long) threads * batchesPerThread * batchSize);
        assertThat(fixture.metrics.agentStats()).hasSize(4).allSatisfy(agent ->
                assertThat(agent.count()).isEqualTo(2L * batchesPerThread * batchSize));
    }

    @Test
    void taskStatsFilteredByAgentHoldOnlyItsTasks() {
        recordNow(List.of(with(task("crawl", 5, true), "agent", "alpha"),
                with(task("parse", 5, true), "agent", "beta")));

        List<?> stats = (List<?>) ((Envelope.Success) operations.getTaskStats(
                Arguments.of(Map.of("agent", "alpha")))).data();

        assertThat(stats).singleElement().extracting(row -> ((TaskStatsView) row).name()).isEqualTo("crawl");
    }

    @Test
    void unknownAgentFilterAnswersAnEmptyList() {
        Envelope envelope = operations.getTaskStats(Arguments.of(Map.of("agent", "nobody")));

        assertThat(((Envelope.Success) envelope).data()).isEqualTo(List.of());
    }

    @Test
    void timeSeriesFilteredByAgentCountsOnlyItsTasks() {
        recordNow(List.of(with(task("crawl", 5, true), "agent", "alpha"),
                with(task("parse", 5, false), "agent", "beta")));

        var series = (TimeSeriesView) ((Envelope.Success) operations.getTimeSeries(
                Arguments.of(Map.of("agent", "beta")))).data();

        assertThat(series.successes().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(series.failures().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    void agentFilterMustBeAName() {
        assertThat(message(operations.getTaskStats(Arguments.of(Map.of("agent", "")))))
                .isEqualTo("agent must not be empty or blank");
    }

    @Test
    void agentsListsEachAgentWithItsCounts() {
        recordNow(List.of(with(task("crawl", 5, true), "agent", "alpha"),
                with(task("crawl", 5, false), "agent", "alpha"), with(task("parse", 5, true), "agent", "beta"),
                task("anonymous", 5, true)));

        List<?> agents = (List<?>) ((Envelope.Success) operations.getAgents(Arguments.none())).data();

        assertThat(agents).extracting(row -> ((AgentStatsView) row).agent()).containsExactly("alpha", "beta");
        assertThat((AgentStatsView) agents.get(0)).satisfies(alpha -> {
            assertThat(alpha.count()).isEqualTo(2);
            assertThat(alpha.failedRequests()).isEqualTo(1);
            assertThat(alpha.errorRate()).isEqualTo(50.0);
        });
    }

    private Envelope recordNow(Object document) {
        return operations.recordAgentTasks(document).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private Envelope recordOneNow(Arguments arguments) {
        return operations.recordAgentTask(arguments).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}
