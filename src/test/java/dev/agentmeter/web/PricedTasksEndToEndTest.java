package dev.agentmeter.web;

import static dev.agentmeter.web.Envelopes.data;
import static dev.agentmeter.web.Envelopes.dataList;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.pricing.PriceTable;
import dev.agentmeter.testing.TestSettings;

/**
 * Model calls that report tokens but no cost are priced at list price, from the bundled table and from a
 * user's {@code --prices} table over it, wherever they come in (here {@code POST /api/tasks}).
 */
@Timeout(30)
class PricedTasksEndToEndTest {

    @TempDir
    static Path folder;
    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path prices = Files.writeString(folder.resolve("prices.csv"), """
                provider,model,match,input_per_mtok,output_per_mtok,cache_read_per_mtok,cache_write_per_mtok
                acme,house-model,exact,2,10,,
                anthropic,claude-haiku-4-5,prefix,100,100,100,100
                """);
        server = TestServer.start(TestSettings.builder().userPrices(PriceTable.load(prices)).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void forgetEarlierTasks() {
        server.running().metrics().reset();
    }

    private static String modelCall(String model, String provider, long input, long output, long cacheRead) {
        return "{\"name\":\"chat " + model + "\",\"duration_ms\":800,\"success\":true,\"model\":\"" + model
                + "\",\"provider\":\"" + provider + "\",\"input_tokens\":" + input + ",\"output_tokens\":" + output
                + ",\"cache_read_tokens\":" + cacheRead + "}";
    }

    private static Object newestCost() {
        return ((Map<?, ?>) dataList(server.get("/api/history?limit=1")).get(0)).get("cost_usd");
    }

    @Test
    void aBundledModelIsPricedWithItsCachedTokensAtTheCachePrice() {
        // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read per million tokens.
        server.postJson("/api/tasks", modelCall("claude-sonnet-4-5-20250929", "anthropic", 1_000_000, 100_000,
                200_000));

        assertThat(newestCost()).isEqualTo(3.96); // 0.8 x 3 + 0.1 x 15 + 0.2 x 0.3, exact in nano-dollars
        assertThat(data(server.get("/api/metrics")).get("total_cost_usd")).isEqualTo(3.96);
    }

    @Test
    void aUserRowPricesAModelTheBundledTableDoesNotKnow() {
        server.postJson("/api/tasks", modelCall("house-model", "acme", 500_000, 100_000, 0));

        assertThat(newestCost()).isEqualTo(0.5 * 2 + 0.1 * 10);
    }

    @Test
    void aUserRowReplacesTheBundledPriceOfTheSameModel() {
        server.postJson("/api/tasks", modelCall("claude-haiku-4-5", "anthropic", 10_000, 0, 0));

        assertThat(newestCost()).isEqualTo(1.0);
    }

    @Test
    void aModelNoTableKnowsHasAnUnknownCostAndAddsNothingToTheTotal() {
        server.postJson("/api/tasks", modelCall("mystery-7b", "nobody", 10_000, 10_000, 0));

        assertThat(newestCost()).isNull();
        assertThat(data(server.get("/api/metrics")).get("total_cost_usd")).isEqualTo(0.0);
    }
}
