package dev.agentmeter.pricing;

import java.util.Locale;
import java.util.Set;

/**
 * Turns a model id as agents and gateways report it into the form the price table is keyed by, so that one
 * row prices every spelling of a model:
 * <ul>
 *   <li>case is ignored: {@code GPT-4o} is {@code gpt-4o};</li>
 *   <li>a path keeps its last part: {@code anthropic/claude-sonnet-4-5} (OpenRouter, LiteLLM),
 *       {@code models/gemini-2.5-pro} (Gemini API), {@code accounts/fireworks/models/x};</li>
 *   <li>a Vertex AI version goes: {@code claude-3-5-sonnet@20240620} is {@code claude-3-5-sonnet};</li>
 *   <li>a Bedrock id loses its inference-profile region, its vendor and its version:
 *       {@code us.anthropic.claude-3-5-sonnet-20240620-v1:0} is {@code claude-3-5-sonnet-20240620};</li>
 *   <li>Claude ids written with dots are read with dashes: {@code claude-3.5-sonnet} is
 *       {@code claude-3-5-sonnet} (only for Claude: {@code gpt-4.1} and {@code gpt-4-1} are different).</li>
 * </ul>
 *
 * <p>Stateless; thread-safe. No regular expressions: this runs for every model call.
 */
final class ModelIds {

    /** Bedrock cross-region inference profiles put one of these before the vendor. */
    private static final Set<String> BEDROCK_REGIONS = Set.of("us", "eu", "apac", "au", "jp", "ca", "us-gov",
            "global");
    /** Vendors whose Bedrock model ids read {@code vendor.model}. */
    private static final Set<String> BEDROCK_VENDORS = Set.of("anthropic", "meta", "mistral", "cohere", "amazon",
            "deepseek", "openai", "ai21", "writer", "qwen", "google", "nvidia");

    private ModelIds() {
    }

    /** The table's key for a reported model id; empty when the id names no model. */
    static String normalise(String reported) {
        if (reported == null) {
            return "";
        }
        String id = reported.strip().toLowerCase(Locale.ROOT);
        id = id.substring(id.lastIndexOf('/') + 1);
        int at = id.indexOf('@');
        if (at >= 0) {
            id = id.substring(0, at);
        }
        id = withoutBedrockPrefix(id);
        if (id.startsWith("claude-")) {
            id = id.replace('.', '-');
        }
        return id.strip();
    }

    private static String withoutBedrockPrefix(String id) {
        String rest = id;
        int dot = rest.indexOf('.');
        if (dot > 0 && BEDROCK_REGIONS.contains(rest.substring(0, dot))) {
            rest = rest.substring(dot + 1);
            dot = rest.indexOf('.');
        }
        if (dot > 0 && BEDROCK_VENDORS.contains(rest.substring(0, dot))) {
            return withoutBedrockVersion(rest.substring(dot + 1));
        }
        return id;
    }

    /** {@code x-v1:0} and {@code x-v2} are {@code x}; {@code gpt-oss-120b-1:0} is {@code gpt-oss-120b-1}. */
    private static String withoutBedrockVersion(String id) {
        String rest = id;
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && digitsFrom(rest, colon + 1)) {
            rest = rest.substring(0, colon);
        }
        int version = rest.lastIndexOf("-v");
        if (version > 0 && digitsFrom(rest, version + 2)) {
            rest = rest.substring(0, version);
        }
        return rest;
    }

    private static boolean digitsFrom(String text, int start) {
        if (start >= text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
