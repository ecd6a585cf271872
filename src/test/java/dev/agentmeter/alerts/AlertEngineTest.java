package dev.agentmeter.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.AlertView;
import dev.agentmeter.testing.MutableClock;

class AlertEngineTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final List<AlertTransition> transitions = new CopyOnWriteArrayList<>();

    private AlertEngine engine(String... rules) {
        var engine = new AlertEngine(List.of(rules).stream().map(AlertRuleParser::parse).toList(), clock);
        engine.addListener(transitions::add);
        return engine;
    }

    private void record(AlertEngine engine, String name, long durationMillis, boolean success) {
        engine.onMetricsEvent(new MetricsEvent.TaskRecorded(new TaskRecord(name, durationMillis * 1000, success,
                success ? null : "boom", clock.instant())));
    }

    @Test
    void anErrorRateAboveTheThresholdFiresOnceWithItsValue() {
        var engine = engine("error_rate > 20%");
        record(engine, "search", 10, false);
        record(engine, "search", 10, true);

        engine.evaluate();
        engine.evaluate();

        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.kind()).isEqualTo(AlertTransition.Kind.FIRING);
            assertThat(transition.value()).isEqualTo(50.0);
        });
        assertThat(engine.active()).extracting(AlertView::rule, AlertView::value, AlertView::threshold, AlertView::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("error_rate > 20%", 50.0, 20.0,
                        "2026-01-01T00:00:00.000Z"));
    }

    @Test
    void anErrorRateAtTheThresholdDoesNotFire() {
        var engine = engine("error_rate > 50%");
        record(engine, "search", 10, false);
        record(engine, "search", 10, true);

        engine.evaluate();

        assertThat(transitions).isEmpty();
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void aFiringAlertResolvesOnceItsTasksHaveLeftTheWindow() {
        var engine = engine("error_rate > 20% window=1m");
        record(engine, "search", 10, false);
        engine.evaluate();

        clock.advance(Duration.ofSeconds(61));
        engine.evaluate();

        assertThat(transitions).extracting(AlertTransition::kind)
                .containsExactly(AlertTransition.Kind.FIRING, AlertTransition.Kind.RESOLVED);
        assertThat(transitions.get(1).since()).isEqualTo(transitions.get(0).at());
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void aFiringAlertResolvesWhenSuccessesBringTheRateDown() {
        var engine = engine("error_rate > 20%");
        record(engine, "search", 10, false);
        engine.evaluate();
        for (int i = 0; i < 9; i++) {
            record(engine, "search", 10, true);
        }

        engine.evaluate();

        assertThat(transitions).last().satisfies(transition -> {
            assertThat(transition.kind()).isEqualTo(AlertTransition.Kind.RESOLVED);
            assertThat(transition.value()).isEqualTo(10.0);
        });
    }

    @Test
    void aP95RuleFiresWhenTheSlowestTwentiethIsAboveTheThreshold() {
        var engine = engine("p95 > 2s");
        for (int i = 0; i < 90; i++) {
            record(engine, "plan", 100, true);
        }
        for (int i = 0; i < 10; i++) {
            record(engine, "plan", 3000, true);
        }

        engine.evaluate();

        assertThat(engine.active()).singleElement().satisfies(alert -> {
            assertThat(alert.metric()).isEqualTo("p95");
            assertThat(alert.unit()).isEqualTo("ms");
            assertThat(alert.value()).isBetween(2900.0, 3000.0);
        });
    }

    @Test
    void aPerTaskRuleIgnoresOtherTasks() {
        var engine = engine("error_rate > 20% for task=search");
        record(engine, "plan", 10, false);
        record(engine, "plan", 10, false);
        record(engine, "search", 10, true);

        engine.evaluate();

        assertThat(engine.active()).isEmpty();
        record(engine, "search", 10, false);
        engine.evaluate();
        assertThat(engine.active()).extracting(AlertView::task).containsExactly("search");
    }

    @Test
    void aResetEmptiesTheWindowsSoTheAlertResolves() {
        var engine = engine("error_rate > 20%");
        record(engine, "search", 10, false);
        engine.evaluate();

        engine.onMetricsEvent(new MetricsEvent.MetricsReset(1));
        engine.evaluate();

        assertThat(transitions).extracting(AlertTransition::kind)
                .containsExactly(AlertTransition.Kind.FIRING, AlertTransition.Kind.RESOLVED);
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() {
        var engine = engine("error_rate > 20%");
        var heard = new CopyOnWriteArrayList<AlertTransition>();
        engine.addListener(transition -> {
            throw new IllegalStateException("listener bug");
        });
        engine.addListener(heard::add);
        record(engine, "search", 10, false);

        engine.evaluate();

        assertThat(heard).hasSize(1);
    }
}
