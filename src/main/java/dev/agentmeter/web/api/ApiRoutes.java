package dev.agentmeter.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.LiveViews;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.web.events.EventStream;

/** The JSON API's routes as the product contract lists them, each a door to one operation. */
public final class ApiRoutes {

    private static final String HEALTHY = "{\"status\":\"ok\"}";
    private static final String READY = "{\"status\":\"ready\"}";

    private ApiRoutes() {
    }

    public static RouteTable<ApiEndpoint> of(PerformanceOperations operations, EventStream events, JsonCodec json) {
        return of(operations, events, json, WebExtensions.none());
    }

    public static RouteTable<ApiEndpoint> of(PerformanceOperations operations, EventStream events, JsonCodec json,
                                      WebExtensions extensions) {
        var arguments = new RequestArguments(json);
        var responder = new EnvelopeResponder(json);
        var query = new Doors(OperationEndpoint.Source.QUERY, arguments, responder);
        var body = new Doors(OperationEndpoint.Source.BODY, arguments, responder);
        var live = new LiveViews(operations, extensions.alerts());
        var routes = RouteTable.<ApiEndpoint>builder()
                .get("/health", exchange -> exchange.respond(200, Map.of(), HEALTHY))
                .get("/health/live", exchange -> exchange.respond(200, Map.of(), HEALTHY))
                .get("/health/ready", exchange -> ready(exchange, operations.readiness(), json))
                .get("/api/dashboard", query.to(ApiOperation.immediate(operations::getDashboardData)))
                .get("/api/metrics", query.to(ApiOperation.immediate(operations::getPerformanceMetrics)))
                .get("/api/history", query.to(ApiOperation.immediate(operations::getRequestHistory)))
                .get("/api/errors", query.to(ApiOperation.immediate(operations::getErrorLog)))
                .get("/api/tasks", query.to(ApiOperation.immediate(operations::getTaskStats)))
                .get("/api/timeseries", query.to(ApiOperation.immediate(operations::getTimeSeries)))
                .get("/api/agents", query.to(ApiOperation.immediate(operations::getAgents)))
                .get("/api/models", query.to(ApiOperation.immediate(operations::getModelStats)))
                .get("/api/live", query.to(ApiOperation.immediate(live::getLiveView)))
                .post("/api/tasks", new DocumentEndpoint(operations::recordAgentTasks, arguments, responder))
                .post("/api/tasks/simulate", body.to(operations::simulateAgentTask))
                .post("/api/reset", body.to(ApiOperation.immediate(operations::resetPerformanceMetrics)))
                // GET only: a HEAD would open a stream with nothing to send.
                .route("GET", "/api/events", events::open)
                .get("/api/alerts", query.to(ApiOperation.immediate(extensions.alerts()::getAlerts)));
        if (extensions.hasMetrics()) {
            routes.get("/metrics", exchange -> scrape(extensions.metrics(), exchange))
                    .get("/api/server", query.to(ApiOperation.immediate(extensions.serverStatus())));
        }
        return routes.build();
    }

    private static void scrape(MetricsScraper metrics, ApiExchange exchange) {
        MetricsScraper.Exposition exposition = metrics.scrape(exchange.header("Accept").orElse(null));
        exchange.respond(200, Map.of("Content-Type", exposition.contentType()), exposition.body());
    }

    /** 200 when every part works; 503 with the reason when storage is unreachable or failing. */
    private static void ready(ApiExchange exchange, Readiness readiness, JsonCodec json) {
        if (readiness.ready()) {
            exchange.respond(200, Map.of(), READY);
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "not_ready");
        body.put("reason", readiness.reason());
        exchange.respond(503, Map.of(), json.write(body));
    }

    /** Makes endpoints that take their arguments from one source. */
    private record Doors(OperationEndpoint.Source source, RequestArguments arguments, EnvelopeResponder responder) {
        ApiEndpoint to(ApiOperation operation) {
            return new OperationEndpoint(source, operation, arguments, responder);
        }
    }
}
