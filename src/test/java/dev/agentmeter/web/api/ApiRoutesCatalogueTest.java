package dev.agentmeter.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.OperationCatalogue;
import dev.agentmeter.operations.OperationSpec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.web.events.EventStream;

/** The JSON API serves every route the operation catalogue names, with the method it names. */
class ApiRoutesCatalogueTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void everyRouteOfTheCatalogueIsServedWithItsMethod() {
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 4));
        var json = new JsonCodec();
        var routes = ApiRoutes.of(operations, new EventStream(operations, json, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), json, WebExtensions.none());

        var served = OperationCatalogue.all(10, 10, Duration.ofMinutes(15)).stream()
                // GET /api/server is served when the export adapter measures the server (see WebExtensions).
                .map(OperationSpec::route).filter(route -> route != null && !route.equals("GET /api/server"))
                .toList();

        assertThat(served).isNotEmpty().allSatisfy(route -> {
            String[] methodAndPath = route.split(" ", 2);
            assertThat(routes.find(methodAndPath[0], methodAndPath[1])).as(route)
                    .isInstanceOf(RouteTable.Found.class);
        });
    }
}
