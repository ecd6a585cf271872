package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.agentmeter.metrics.MetricsCapacities;

class PerformanceOperationsTest {

    private final OperationsFixture fixture = new OperationsFixture(
            MetricsCapacities.defaults().withHistorySize(20).withErrorLogSize(8), 1_000);
    private final PerformanceOperations operations = fixture.operations;

    @AfterEach
    void stopTimer() throws InterruptedException {
        fixture.close();
    }

    @Test
    void metricsOfAnEmptyStoreAreZeroAndNull() {
        MetricsView view = (MetricsView) data(operations.getPerformanceMetrics(Arguments.none()));

        assertThat(view.totalRequests()).isZero();
        assertThat(view.successRate()).isZero();
        assertThat(view.errorRate()).isZero();
        assertThat(view.avgResponseTimeMs()).isNull();
        assertThat(view.p99ResponseTimeMs()).isNull();
        assertThat(view.lastRequestAt()).isNull();
        assertThat(view.startedAt()).isEqualTo("2026-11-24T10:00:00.000Z");
    }

    @Test
    void simulatedTaskReallyTakesItsDurationAndIsRecorded() throws Exception {
        long start = System.nanoTime();
        Envelope envelope = simulate(Map.of("name", "crawl", "duration", 0.3));
        long tookNanos = System.nanoTime() - start;

        SimulationOutcome outcome = (SimulationOutcome) data(envelope);
        assertThat(tookNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(outcome.name()).isEqualTo("crawl");
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.duration()).isGreaterThanOrEqualTo(0.3);
        assertThat(outcome.responseTimeMs()).isGreaterThanOrEqualTo(300.0);
        assertThat(fixture.metrics.snapshot().totalRequests()).isEqualTo(1);
    }

    @Test
    void simulatedFailureIsReportedAndLogged() throws Exception {
        SimulationOutcome outcome = (SimulationOutcome) data(
                simulate(Map.of("name", "flaky", "duration", 0, "should_fail", true)));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).isEqualTo(TaskSimulator.FAILURE_MESSAGE);
        List<?> errors = (List<?>) data(operations.getErrorLog(Arguments.none()));
        assertThat(errors).singleElement().isEqualTo(
                new ErrorEntryView("2026-11-24T10:00:00.000Z", "flaky", TaskSimulator.FAILURE_MESSAGE));
    }

    @Test
    void durationDefaultsToOneSecond() {
        CompletableFuture<Envelope> running = operations.simulateAgentTask(Arguments.of(Map.of("name", "slow")));

        assertThat(running).isNotDone();
        assertThat(fixture.metrics.snapshot().totalRequests()).isZero();
        assertThat(running.orTimeout(5, TimeUnit.SECONDS).join().isError()).isFalse();
    }

    @Test
    void controlCharactersAreStrippedFromNames() throws Exception {
        SimulationOutcome outcome = (SimulationOutcome) data(
                simulate(Map.of("name", "  a\u0000b\u001b[31mc\u202Ed\n ", "duration", 0)));

        assertThat(outcome.name()).isEqualTo("ab[31mcd");
    }

    @Test
    void unicodeAndMarkupNamesAreKeptAsText() throws Exception {
        String name = "<img src=x onerror=alert(1)> données 🚀";
        SimulationOutcome outcome = (SimulationOutcome) data(simulate(Map.of("name", name, "duration", 0)));

        assertThat(outcome.name()).isEqualTo(name);
    }

    @Test
    void aNameOfExactlyOneHundredCharactersIsAccepted() throws Exception {
        String name = "é".repeat(100);

        assertThat(((SimulationOutcome) data(simulate(Map.of("name", name, "duration", 0)))).name()).isEqualTo(name);
    }

    static List<Object[]> badSimulations() {
        var cases = new ArrayList<Object[]>();
        cases.add(new Object[] {Map.of(), "name is required"});
        cases.add(new Object[] {Map.of("name", 42), "name must be a string, got number 42"});
        cases.add(new Object[] {Map.of("name", ""), "name must not be empty or blank"});
        cases.add(new Object[] {Map.of("name", "   \t"), "name must not be empty or blank"});
        cases.add(new Object[] {Map.of("name", "\u0000\u0001"), "name must not be empty or blank"});
        for (String invisible : List.of("\u00a0", "\u200b", "\ufeff", "\u3164", "\u2800", "\u200b\u00a0\ufeff\u3164\u2060")) {
            cases.add(new Object[] {Map.of("name", invisible), "name must not be empty or blank"});
        }
        cases.add(new Object[] {Map.of("name", TaskNames.OVERFLOW_BUCKET), "name must not be (other)"});
        cases.add(new Object[] {Map.of("name", " \u200b(other)\ufeff "), "name must not be (other)"});
        cases.add(new Object[] {Map.of("name", "x".repeat(10_000)), "name must be at most 100 characters, got 10000"});
        cases.add(new Object[] {Map.of("name", "x".repeat(101)), "name must be at most 100 characters, got 101"});
        cases.add(new Object[] {Map.of("name", "t", "duration", -1), "duration must be between 0 and 5 seconds (got -1)"});
        cases.add(new Object[] {Map.of("name", "t", "duration", 5.5), "duration must be between 0 and 5 seconds (got 5.5)"});
        cases.add(new Object[] {Map.of("name", "t", "duration", 1e9), "duration must be between 0 and 5 seconds"});
        cases.add(new Object[] {Map.of("name", "t", "duration", Double.NaN), "duration must be a finite number of seconds"});
        cases.add(new Object[] {Map.of("name", "t", "duration", Double.POSITIVE_INFINITY),
            "duration must be a finite number of seconds"});
        cases.add(new Object[] {Map.of("name", "t", "duration", "2"), "duration must be a number of seconds, got string \"2\""});
        cases.add(new Object[] {Map.of("name", "t", "duration", true), "duration must be a number of seconds, got boolean true"});
        cases.add(new Object[] {Map.of("name", "t", "should_fail", "yes"),
            "should_fail must be a boolean (true or false), got string \"yes\""});
        cases.add(new Object[] {Map.of("name", "t", "should_fail", 1), "should_fail must be a boolean (true or false), got number 1"});
        cases.add(new Object[] {Map.of("name", "t", "durration", 1),
            "unknown argument 'durration'; expected: name, duration, should_fail"});
        var withNull = new HashMap<String, Object>();
        withNull.put("name", null);
        cases.add(new Object[] {withNull, "name is required"});
        return cases;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSimulations")
    void badSimulationArgumentsAreErrorEnvelopesAndRecordNothing(Map<String, Object> arguments, String message)
            throws Exception {
        Envelope envelope = simulate(arguments);

        assertThat(envelope).isInstanceOfSatisfying(Envelope.Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(failure.message()).startsWith(message);
        });
        assertThat(fixture.metrics.snapshot().totalRequests()).isZero();
    }

    static List<Object[]> badLimits() {
        return List.of(
                new Object[] {"ten", "limit must be an integer, got string \"ten\""},
                new Object[] {"5", "limit must be an integer, got string \"5\""},
                new Object[] {true, "limit must be an integer, got boolean true"},
                new Object[] {1.5, "limit must be an integer, got number 1.5"},
                new Object[] {Double.NaN, "limit must be an integer, got number NaN"},
                new Object[] {List.of(1), "limit must be an integer, got an array"},
                new Object[] {Map.of(), "limit must be an integer, got an object"},
                new Object[] {0, "limit must be at least 1, got 0"},
                new Object[] {-3, "limit must be at least 1, got -3"},
                new Object[] {Long.MIN_VALUE, "limit must be at least 1, got -9223372036854775808"});
    }

    @ParameterizedTest(name = "limit {0}")
    @MethodSource("badLimits")
    void badLimitsAreErrorEnvelopesForHistoryAndErrorLog(Object limit, String message) {
        for (Envelope envelope : List.of(operations.getRequestHistory(Arguments.of(Map.of("limit", limit))),
                operations.getErrorLog(Arguments.of(Map.of("limit", limit))))) {
            assertThat(envelope).isEqualTo(Envelope.invalidArgument(message));
        }
    }

    @Test
    void limitAboveCapacityIsClampedToCapacity() {
        for (int i = 0; i < 30; i++) {
            fixture.metrics.record("t" + i, Duration.ofMillis(i), false, "e" + i);
        }

        assertThat((List<?>) data(operations.getRequestHistory(Arguments.of(Map.of("limit", 1_000_000))))).hasSize(20);
        assertThat((List<?>) data(operations.getErrorLog(Arguments.of(Map.of("limit", 1e30))))).hasSize(8);
        assertThat((List<?>) data(operations.getRequestHistory(Arguments.of(Map.of("limit", 3.0))))).hasSize(3);
        assertThat((List<?>) data(operations.getRequestHistory(Arguments.none()))).hasSize(10);
    }

    @Test
    void historyEntriesAreNewestFirstWithTheContractFields() {
        fixture.metrics.record("first", Duration.ofMillis(10), true, null);
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.metrics.record("second", Duration.ofMillis(20), false, "bad gateway");

        @SuppressWarnings("unchecked")
        List<HistoryEntryView> history = (List<HistoryEntryView>) data(operations.getRequestHistory(Arguments.none()));
        assertThat(history).containsExactly(
                new HistoryEntryView("2026-11-24T10:00:01.000Z", "second", 20.0, false, "bad gateway", null),
                new HistoryEntryView("2026-11-24T10:00:00.000Z", "first", 10.0, true, null, null));
    }

    @Test
    void dashboardHasTenRequestsAndFiveErrors() {
        for (int i = 0; i < 12; i++) {
            fixture.metrics.record("t" + i, Duration.ofMillis(i), i % 2 == 0, "e" + i);
        }

        DashboardView dashboard = (DashboardView) data(operations.getDashboardData(Arguments.none()));
        assertThat(dashboard.metrics().totalRequests()).isEqualTo(12);
        assertThat(dashboard.recentRequests()).hasSize(10).first().extracting(HistoryEntryView::endpoint).isEqualTo("t11");
        assertThat(dashboard.recentErrors()).hasSize(5).first().extracting(ErrorEntryView::errorMessage).isEqualTo("e11");
    }

    @Test
    void resetConfirmsHowManyTasksWereCleared() {
        fixture.metrics.record("t", Duration.ofMillis(1), true, null);
        fixture.metrics.record("t", Duration.ofMillis(1), true, null);

        ResetConfirmation confirmation = (ResetConfirmation) data(operations.resetPerformanceMetrics(Arguments.none()));

        assertThat(confirmation.reset()).isTrue();
        assertThat(confirmation.clearedRequests()).isEqualTo(2);
        assertThat(((MetricsView) data(operations.getPerformanceMetrics(Arguments.none()))).totalRequests()).isZero();
    }

    @Test
    void operationsWithoutArgumentsRefuseUnknownOnes() {
        Envelope envelope = operations.getPerformanceMetrics(Arguments.of(Map.of("verbose", true)));

        assertThat(envelope).isEqualTo(
                Envelope.invalidArgument("unknown argument 'verbose'; this operation takes no arguments"));
    }

    @Test
    void theDesignsLoadTestOfOneHundredSimulationsIsCountedExactly() {
        var running = new ArrayList<CompletableFuture<Envelope>>();
        for (int i = 0; i < 100; i++) {
            running.add(operations.simulateAgentTask(Arguments.of(
                    Map.of("name", "load-" + i % 7, "duration", 0.01, "should_fail", i % 10 == 0))));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();

        MetricsView metrics = (MetricsView) data(operations.getPerformanceMetrics(Arguments.none()));
        assertThat(running).allSatisfy(future -> assertThat(future.join().isError()).isFalse());
        assertThat(metrics.totalRequests()).isEqualTo(100);
        assertThat(metrics.failedRequests()).isEqualTo(10);
        assertThat(metrics.successRate()).isEqualTo(90.0);
        assertThat(metrics.errorRate()).isEqualTo(10.0);
    }

    @Test
    void simulationsBeyondTheCapAreRefusedAsUnavailable() throws Exception {
        try (var capped = new OperationsFixture(MetricsCapacities.defaults(), 1)) {
            CompletableFuture<Envelope> first = capped.operations.simulateAgentTask(
                    Arguments.of(Map.of("name", "a", "duration", 0.5)));
            Envelope second = capped.operations.simulateAgentTask(Arguments.of(Map.of("name", "b", "duration", 0)))
                    .get(5, TimeUnit.SECONDS);

            assertThat(second).isInstanceOfSatisfying(Envelope.Failure.class,
                    failure -> assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(first.get(5, TimeUnit.SECONDS).isError()).isFalse();
        }
    }

    private Envelope simulate(Map<String, Object> arguments) throws Exception {
        return operations.simulateAgentTask(Arguments.of(arguments)).get(10, TimeUnit.SECONDS);
    }

    private static Object data(Envelope envelope) {
        assertThat(envelope).isInstanceOf(Envelope.Success.class);
        return ((Envelope.Success) envelope).data();
    }
}
