package dev.agentmeter.otlp;

/** The key a sender's telemetry is known by for the double-counting rule: its {@code service.name}. */
final class Senders {

    /** The key of telemetry whose resource has no {@code service.name}. */
    static final String UNNAMED = "";

    private Senders() {
    }

    static String of(String serviceName) {
        return serviceName == null ? UNNAMED : serviceName;
    }
}
