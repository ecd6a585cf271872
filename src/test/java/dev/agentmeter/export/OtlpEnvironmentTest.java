package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OtlpEnvironmentTest {

    private static OtlpDestination resolved(String option, Map<String, String> environment) {
        return OtlpEnvironment.resolve(option, environment).orElseThrow();
    }

    @Test
    void nothingSetExportsNothing() {
        assertThat(OtlpEnvironment.resolve(null, Map.of())).isEmpty();
        assertThat(OtlpEnvironment.resolve("  ", Map.of(OtlpEnvironment.ENDPOINT, ""))).isEmpty();
    }

    @Test
    void theOptionIsABaseUrlToWhichTheTracesPathIsAppended() {
        assertThat(resolved("http://collector:4318", Map.of()).tracesUri())
                .hasToString("http://collector:4318/v1/traces");
        assertThat(resolved("http://collector:4318/", Map.of()).tracesUri())
                .hasToString("http://collector:4318/v1/traces");
        assertThat(resolved("https://otel.example.com/ingest", Map.of()).tracesUri())
                .hasToString("https://otel.example.com/ingest/v1/traces");
    }

    @Test
    void aUrlThatAlreadyEndsWithTheTracesPathIsKept() {
        assertThat(resolved("http://central:8080/v1/traces", Map.of()).tracesUri())
                .hasToString("http://central:8080/v1/traces");
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        var environment = Map.of(OtlpEnvironment.ENDPOINT, "http://from-env:4318",
                OtlpEnvironment.TRACES_ENDPOINT, "http://traces-env:4318/custom");

        assertThat(resolved("http://from-option:4318", environment).tracesUri())
                .hasToString("http://from-option:4318/v1/traces");
    }

    @Test
    void theTracesVariableIsUsedAsItIsAndWinsOverTheBaseOne() {
        var environment = Map.of(OtlpEnvironment.ENDPOINT, "http://from-env:4318",
                OtlpEnvironment.TRACES_ENDPOINT, "http://traces-env:4318/custom");

        assertThat(resolved(null, environment).tracesUri()).hasToString("http://traces-env:4318/custom");
    }

    @Test
    void theBaseVariableGetsTheTracesPath() {
        assertThat(resolved(null, Map.of(OtlpEnvironment.ENDPOINT, "http://from-env:4318")).tracesUri())
                .hasToString("http://from-env:4318/v1/traces");
    }

    @Test
    void headersArePairsWithPercentEncodedValuesAndTheTracesOnesWin() {
        var environment = Map.of(OtlpEnvironment.ENDPOINT, "http://c:4318",
                OtlpEnvironment.HEADERS, " api-key = abc%3D%3D , Authorization=Bearer%20t0ken,,x-team=a",
                OtlpEnvironment.TRACES_HEADERS, "x-team=b");

        assertThat(resolved(null, environment).headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "api-key", "abc==", "Authorization", "Bearer t0ken", "x-team", "b"));
    }

    @Test
    void headersApplyToTheOptionsEndpointToo() {
        assertThat(resolved("http://c:4318", Map.of(OtlpEnvironment.HEADERS, "api-key=k")).headers())
                .containsExactlyEntriesOf(Map.of("api-key", "k"));
    }

    @Test
    void aHeaderWithoutAnEqualsSignIsRefusedWithoutShowingValues() {
        var environment = Map.of(OtlpEnvironment.ENDPOINT, "http://c:4318",
                OtlpEnvironment.HEADERS, "api-key=secret-value,oops");

        assertThatThrownBy(() -> OtlpEnvironment.resolve(null, environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OTEL_EXPORTER_OTLP_HEADERS: each header must be name=value")
                .hasMessageContaining("'oops'")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void aHeaderTheExporterSetsItselfIsRefused() {
        assertThatThrownBy(() -> OtlpEnvironment.resolve("http://c:4318",
                Map.of(OtlpEnvironment.HEADERS, "Content-Type=text/plain")))
                .hasMessage("OTEL_EXPORTER_OTLP_HEADERS: the header Content-Type cannot be set (the exporter sets "
                        + "it itself)");
    }

    @Test
    void aValueWithALineBreakIsRefused() {
        assertThatThrownBy(() -> OtlpEnvironment.resolve("http://c:4318",
                Map.of(OtlpEnvironment.HEADERS, "x=a%0D%0AHost:evil")))
                .hasMessage("OTEL_EXPORTER_OTLP_HEADERS: the value of header x has a control character");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedNamingItsSource() {
        assertThatThrownBy(() -> OtlpEnvironment.resolve("ftp://collector", Map.of()))
                .hasMessage("--otlp-endpoint must be an http:// or https:// URL such as http://collector:4318, "
                        + "was 'ftp://collector'");
        assertThatThrownBy(() -> OtlpEnvironment.resolve(null, Map.of(OtlpEnvironment.ENDPOINT, "collector:4318")))
                .hasMessageStartingWith("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL");
    }

    @Test
    void theDisplayedEndpointHidesUserInformationAndToStringHidesHeaderValues() {
        var destination = resolved("http://user:pass@c:4318", Map.of(OtlpEnvironment.HEADERS, "api-key=s3cret"));

        assertThat(destination.endpointForDisplay()).isEqualTo("http://c:4318/v1/traces");
        assertThat(destination.toString()).contains("api-key").doesNotContain("s3cret").doesNotContain("pass");
    }
}
