package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.Target.AGENT;
import static dev.agentmeter.otlp.Target.DURATION_MS;
import static dev.agentmeter.otlp.Target.ERROR;
import static dev.agentmeter.otlp.Target.SUCCESS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * Log events to tasks: a log record whose event (its {@code event_name}, else its {@code event.name}
 * attribute, else its body text; with or without the {@code claude_code.} prefix) is in the table's events
 * becomes a task, named after the event's operation and model or tool ({@code chat claude-sonnet-4-5},
 * {@code execute_tool Bash}); every other log record is ignored (and counted).
 *
 * <p>Thread-safe (stateless).
 */
final class EventTasks {

    private static final Map<String, MappingTable.EventRow> EVENTS = eventsByName();

    TaskBatch of(ExportLogsServiceRequest request) {
        var tasks = new ArrayList<Map<String, Object>>();
        var labels = new ArrayList<String>();
        int items = 0;
        var sendersWithUsage = new HashSet<String>();
        int ignored = 0;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            var resource = new Found();
            AttributeReader.TABLE.read(Scope.RESOURCE, resourceLogs.getResource().getAttributesList(), resource);
            String sender = Senders.of(resource.text(AGENT));
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    int index = items++;
                    String name = eventName(record);
                    MappingTable.EventRow event = name == null ? null : EVENTS.get(name);
                    if (event == null) {
                        ignored++;
                        continue;
                    }
                    Found found = resource.copy();
                    AttributeReader.TABLE.read(Scope.EVENT, record.getAttributesList(), found);
                    if (event.modelCall() && TaskObject.hasUsage(found)) {
                        sendersWithUsage.add(sender);
                    }
                    tasks.add(task(event, record, found));
                    labels.add("log record " + index + " (" + event.event() + ")");
                }
            }
        }
        return new TaskBatch(tasks, labels::get, ignored, sendersWithUsage);
    }

    private static Map<String, Object> task(MappingTable.EventRow event, LogRecord record, Found found) {
        String namedBy = found.text(event.namedBy());
        Object success = switch (event.outcome()) {
            case SUCCEEDED -> Boolean.TRUE;
            case FAILED -> Boolean.FALSE;
            case FROM_SUCCESS_ATTRIBUTE -> found.get(SUCCESS);
        };
        return TaskObject.of(namedBy == null ? event.operation() : event.operation() + " " + namedBy,
                found.get(DURATION_MS), success, found.get(ERROR), found, event.modelCall(), event.provider(),
                record.getTraceId());
    }

    /** The record's event name without a known prefix, or null when it names none. */
    static String eventName(LogRecord record) {
        String name = record.getEventName();
        if (name.isEmpty()) {
            name = stringAttribute(record.getAttributesList(), "event.name");
        }
        if (name == null || name.isEmpty()) {
            AnyValue body = record.getBody();
            name = body.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? body.getStringValue() : null;
        }
        if (name == null) {
            return null;
        }
        for (String prefix : MappingTable.EVENT_PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static String stringAttribute(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key) && attribute.getValue().hasStringValue()) {
                return attribute.getValue().getStringValue();
            }
        }
        return null;
    }

    private static Map<String, MappingTable.EventRow> eventsByName() {
        var byName = new HashMap<String, MappingTable.EventRow>();
        MappingTable.EVENTS.forEach(event -> byName.put(event.event(), event));
        return Map.copyOf(byName);
    }
}
