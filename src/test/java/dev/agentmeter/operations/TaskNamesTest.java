package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskStats;

/** The rules of a name: invisible characters, Unicode normalisation, and the overflow bucket's own name. */
class TaskNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u200b", "\ufeff", "\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u2060",
        "\u180e", "\u3000\u2003", "\ufe0f", "\u034f", "\u200b \u00a0\ufeff\u3164\u200d"})
    void aNameOfInvisibleCharactersAloneIsBlank(String invisible) {
        assertThat(TaskNames.sanitize("name", invisible)).isEqualTo(Checked.invalid("name must not be empty or blank"));
    }

    @Test
    void invisibleCharactersAroundANameAreTrimmedAndThoseInsideKept() {
        assertThat(TaskNames.sanitize("name", "\ufeff\u00a0search\u200b")).isEqualTo(Checked.valid("search"));
        assertThat(TaskNames.sanitize("name", "family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"))
                .isEqualTo(Checked.valid("family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"));
    }

    @Test
    void plainAsciiNamesAtTheEdgesOfTheRulesAreTreatedLikeAnyOther() {
        assertThat(TaskNames.sanitize("name", "x".repeat(100))).isEqualTo(Checked.valid("x".repeat(100)));
        assertThat(TaskNames.sanitize("name", "x".repeat(101)))
                .isEqualTo(Checked.invalid("name must be at most 100 characters, got 101"));
        assertThat(TaskNames.sanitize("name", " search ")).isEqualTo(Checked.valid("search"));
        assertThat(TaskNames.sanitize("name", "web\tsearch~")).isEqualTo(Checked.valid("websearch~"));
        assertThat(TaskNames.sanitize("name", "web\u007fsearch")).isEqualTo(Checked.valid("websearch"));
        assertThat(TaskNames.sanitize("name", " ")).isEqualTo(Checked.invalid("name must not be empty or blank"));
        assertThat(TaskNames.sanitize("name", "")).isEqualTo(Checked.invalid("name must not be empty or blank"));
    }

    @Test
    void composedAndDecomposedSpellingsAreOneName() {
        assertThat(TaskNames.sanitize("name", "re\u0301sume\u0301")).isEqualTo(TaskNames.sanitize("name", "r\u00e9sum\u00e9"))
                .isEqualTo(Checked.valid("r\u00e9sum\u00e9"));
    }

    @Test
    void theLengthIsCountedAfterNormalisation() {
        String decomposed = "e\u0301".repeat(100); // 200 characters that compose into 100

        assertThat(TaskNames.sanitize("name", decomposed)).isEqualTo(Checked.valid("\u00e9".repeat(100)));
    }

    @Test
    void theOverflowBucketCanBeLookedUpButNotRecordedUnder() {
        assertThat(TaskNames.sanitize("task", TaskNames.OVERFLOW_BUCKET)).isEqualTo(Checked.valid("(other)"));
        assertThat(TaskNames.sanitizeNew("agent", "(other)")).isInstanceOf(Checked.Invalid.class);
        assertThat(TaskNames.sanitizeNew("name", "other")).isEqualTo(Checked.valid("other"));
    }

    @Test
    void nfcAndNfdSpellingsOfANameAreOneRow() throws Exception {
        try (var fixture = new OperationsFixture()) {
            record(fixture, "caf\u00e9", 5);
            record(fixture, "cafe\u0301", 7);

            assertThat(fixture.metrics.taskStats()).singleElement().satisfies(stats -> {
                assertThat(stats.name()).isEqualTo("caf\u00e9");
                assertThat(stats.count()).isEqualTo(2);
            });
        }
    }

    @Test
    void aTaskNamedOtherKeepsItsOwnRowBesideTheOverflowBucket() throws Exception {
        try (var fixture = new OperationsFixture()) {
            record(fixture, "other", 1);
            for (int i = 0; i < fixture.metrics.capacities().maxTaskNames() + 5; i++) {
                record(fixture, "n" + i, 9);
            }

            assertThat(fixture.metrics.taskStats("other")).hasValueSatisfying(stats -> {
                assertThat(stats.count()).isEqualTo(1);
                assertThat(stats.latency().maxMillis()).isEqualTo(1.0);
            });
            assertThat(fixture.metrics.taskStats(PerformanceMetrics.OTHER_TASKS)).map(TaskStats::count).hasValue(6L);
            assertThat(fixture.metrics.taskStats()).extracting(TaskStats::name).containsOnlyOnce("other", "(other)");
        }
    }

    private static void record(OperationsFixture fixture, String name, int durationMs) {
        Envelope answer = fixture.operations.recordAgentTask(Arguments.of(Map.of("name", name, "duration_ms",
                durationMs, "success", true))).join();
        assertThat(answer).isInstanceOf(Envelope.Success.class);
    }
}
