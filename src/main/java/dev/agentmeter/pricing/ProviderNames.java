package dev.agentmeter.pricing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Provider names as telemetry reports them ({@code gen_ai.provider.name}, the older {@code gen_ai.system},
 * gateway spellings) brought to one name per provider, and which providers resell which vendors' models.
 *
 * <p>A call and a price row agree on the provider when either names none, when both name the same provider,
 * or when the call's provider is a platform that serves the row's vendor (Claude on {@code aws.bedrock} or
 * Vertex AI is priced at Anthropic's list price). A name not in the table stands for itself, so a gateway
 * the table does not know agrees only with rows that name it (a {@code --prices} file can add them).
 *
 * <p>Data, not logic: a new alias or platform is one entry. Stateless; thread-safe.
 */
final class ProviderNames {

    private static final String ANY_VENDOR = "*";

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("anthropic", "anthropic"),
            Map.entry("openai", "openai"),
            Map.entry("google", "google"),
            Map.entry("gcp.gemini", "google"),
            Map.entry("gcp.gen_ai", "google"),
            Map.entry("gcp.vertex_ai", "google"),
            Map.entry("gemini", "google"),
            Map.entry("vertex_ai", "google"),
            Map.entry("vertexai", "google"),
            Map.entry("google_genai", "google"),
            Map.entry("aws.bedrock", "aws.bedrock"),
            Map.entry("bedrock", "aws.bedrock"),
            Map.entry("aws_bedrock", "aws.bedrock"),
            Map.entry("amazon_bedrock", "aws.bedrock"),
            Map.entry("azure.ai.openai", "azure.ai.openai"),
            Map.entry("az.ai.openai", "azure.ai.openai"),
            Map.entry("azure_openai", "azure.ai.openai"),
            Map.entry("azure", "azure.ai.openai"),
            Map.entry("azure.ai.inference", "azure.ai.inference"),
            Map.entry("az.ai.inference", "azure.ai.inference"),
            Map.entry("mistral", "mistral"),
            Map.entry("mistral_ai", "mistral"),
            Map.entry("mistralai", "mistral"),
            Map.entry("deepseek", "deepseek"),
            Map.entry("x_ai", "x_ai"),
            Map.entry("xai", "x_ai"),
            Map.entry("x-ai", "x_ai"),
            Map.entry("cohere", "cohere"),
            Map.entry("groq", "groq"),
            Map.entry("meta", "meta"),
            Map.entry("openrouter", "openrouter"));

    /** Platforms and the vendors whose models they serve at (about) the vendor's list price. */
    private static final Map<String, Set<String>> SERVES = Map.of(
            "aws.bedrock", Set.of("anthropic", "meta", "mistral", "cohere", "deepseek", "openai"),
            "google", Set.of("anthropic", "meta", "mistral", "deepseek"),
            "azure.ai.openai", Set.of("openai"),
            "azure.ai.inference", Set.of("openai", "meta", "mistral", "cohere", "deepseek", "x_ai"),
            "groq", Set.of("meta"),
            "openrouter", Set.of(ANY_VENDOR));

    private ProviderNames() {
    }

    /** The one name of a reported provider, lower case; empty for none. */
    static String canonical(String reported) {
        if (reported == null || reported.isBlank()) {
            return "";
        }
        String name = reported.strip().toLowerCase(Locale.ROOT);
        return CANONICAL.getOrDefault(name, name);
    }

    /**
     * How well a row's provider fits a call's, both canonical ({@code ""} for none): 0 when they disagree, and
     * among agreeing rows the higher the better: the call's own provider (3), a row for any provider (2), a
     * vendor the call's platform serves, or any row when the call names no provider (1).
     */
    static int affinity(String callProvider, String rowProvider) {
        if (rowProvider.isEmpty()) {
            return 2;
        }
        if (callProvider.isEmpty()) {
            return 1;
        }
        if (callProvider.equals(rowProvider)) {
            return 3;
        }
        Set<String> served = SERVES.getOrDefault(callProvider, Set.of());
        return served.contains(rowProvider) || served.contains(ANY_VENDOR) ? 1 : 0;
    }
}
