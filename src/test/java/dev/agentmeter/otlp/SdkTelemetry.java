package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;

/** What the OpenTelemetry SDK tests share: a resource naming the sender, and bounded waits on exports. */
final class SdkTelemetry {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private SdkTelemetry() {
    }

    static Resource service(String name) {
        return Resource.create(Attributes.of(SERVICE_NAME, name));
    }

    /** Waits (boundedly) for an export or flush, and asserts the exporter saw it succeed. */
    static void succeeded(CompletableResultCode result) {
        assertThat(result.join(OtlpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS).isSuccess())
                .as("the export succeeded").isTrue();
    }
}
