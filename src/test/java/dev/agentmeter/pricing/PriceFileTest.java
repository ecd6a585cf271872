package dev.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's price file ({@code --prices FILE}): how it overrides and extends the bundled table, and its errors. */
class PriceFileTest {

    private static final String HEADER = PriceCsv.HEADER + "\n";

    @TempDir
    Path folder;

    @Test
    void aUserRowReplacesTheBundledRowOfTheSameModelAndProvider() throws Exception {
        PriceTable table = PriceTable.bundled().overriddenBy(load(HEADER
                + "anthropic,claude-sonnet-4-5,prefix,2,10,0.2,2.5\n"));

        assertThat(table.find("anthropic", "claude-sonnet-4-5-20250929")).contains(new ModelPrice(2, 10, 0.2, 2.5));
        assertThat(table.find("openai", "gpt-4o")).isEqualTo(PriceTable.bundled().find("openai", "gpt-4o"));
    }

    @Test
    void aUserRowWithoutProviderReplacesTheModelForEveryProviderAndPricesMissingCacheAsInput() throws Exception {
        PriceTable table = PriceTable.bundled().overriddenBy(load(HEADER + ",gpt-4o,prefix,1,2,,\n"));

        assertThat(table.find("openai", "gpt-4o-2024-08-06")).contains(new ModelPrice(1, 2, 1, 1));
        assertThat(table.find("azure.ai.openai", "gpt-4o")).contains(new ModelPrice(1, 2, 1, 1));
    }

    @Test
    void aUserRowForAnotherProviderAddsToTheBundledRow() throws Exception {
        PriceTable table = PriceTable.bundled().overriddenBy(load(HEADER
                + "aws.bedrock,claude-sonnet-4-5,prefix,3.3,16.5,0.33,4.125\n"));

        assertThat(table.find("aws.bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .contains(new ModelPrice(3.3, 16.5, 0.33, 4.125));
        assertThat(table.find("anthropic", "claude-sonnet-4-5")).contains(new ModelPrice(3, 15, 0.3, 3.75));
    }

    @Test
    void aUserRowAddsAModelTheBundledTableDoesNotKnow() throws Exception {
        PriceTable table = PriceTable.bundled().overriddenBy(load(HEADER
                + "# our fine-tune, served by our gateway\n"
                + "acme-gateway,acme-coder,prefix,1.5,6,0.15,\n"));

        assertThat(PriceTable.bundled().find("acme-gateway", "acme-coder-v2")).isEmpty();
        assertThat(table.find("acme-gateway", "acme-coder-v2")).contains(new ModelPrice(1.5, 6, 0.15, 1.5));
        assertThat(table.find("acme-gateway", "gpt-4o")).isEmpty();
        assertThat(table.size()).isEqualTo(PriceTable.bundled().size() + 1);
    }

    @Test
    void commentsBlankLinesAndSpacesAroundFieldsAreAllowed() throws Exception {
        PriceTable table = load("# prices\n\n" + HEADER + "  # indented comment\n"
                + " openai , gpt-x , EXACT , 1 , 2 , 0.5 , \n\n");

        assertThat(table.find("openai", "gpt-x")).contains(new ModelPrice(1, 2, 0.5, 1));
    }

    @Test
    void aBadNumberNamesTheFileTheLineAndTheColumn() {
        assertProblem(HEADER + "openai,gpt-x,exact,abc,1,,\n", "line 2: input_per_mtok 'abc' is not a number");
    }

    @Test
    void aMissingColumnNamesTheLine() {
        assertProblem("# comment\n" + HEADER + "openai,gpt-x,exact,1,1,\n",
                "line 3: expected 7 columns (" + PriceCsv.HEADER + "), found 6");
    }

    @Test
    void aNegativePriceNamesTheLine() {
        assertProblem(HEADER + "openai,gpt-x,exact,1,1,,\nopenai,gpt-y,exact,1,-2,,\n",
                "line 3: output_per_mtok -2 is negative");
    }

    @Test
    void aSecondRowForTheSameModelNamesBothLinesWhateverTheSpelling() {
        assertProblem(HEADER + "anthropic,claude-3-5-sonnet,prefix,3,15,,\nanthropic,Claude-3.5-Sonnet,exact,3,15,,\n",
                "line 3: a second row for model 'claude-3-5-sonnet' of provider 'anthropic'; the first is on line 2");
    }

    @Test
    void theSameModelForTwoProvidersIsNotADuplicate() throws Exception {
        assertThat(load(HEADER + "anthropic,claude-x,prefix,3,15,,\naws.bedrock,claude-x,prefix,3.3,16.5,,\n").size())
                .isEqualTo(2);
    }

    @Test
    void otherMalformedFieldsNameTheLine() {
        assertProblem(HEADER + "openai,gpt-x,fuzzy,1,1,,\n", "line 2: match 'fuzzy' is neither exact nor prefix");
        assertProblem(HEADER + "openai,,exact,1,1,,\n", "line 2: model is empty");
        assertProblem(HEADER + "openai,gpt-x,exact,,1,,\n", "line 2: input_per_mtok is empty");
        assertProblem(HEADER + "open ai,gpt-x,exact,1,1,,\n",
                "line 2: provider 'open ai' may hold only letters, digits, '.', '_' and '-'");
        assertProblem(HEADER + "openai,gpt-x,exact,1,1,0.0000000001,\n",
                "line 2: cache_read_per_mtok 0.0000000001 has more than 9 decimal places");
        assertProblem(HEADER + "openai,gpt-x,exact,1,1000001,,\n",
                "line 2: output_per_mtok 1000001 is above 1000000 USD per million");
        assertProblem(HEADER + "openai,gpt-x,exact,1,1,,,\n", "line 2: expected 7 columns (" + PriceCsv.HEADER
                + "), found 8");
    }

    @Test
    void aWrongOrMissingHeaderIsNamed() {
        assertProblem("provider,model,input,output\nopenai,gpt-x,1,1\n",
                "line 1: expected the header '" + PriceCsv.HEADER + "', found 'provider,model,input,output'");
        assertProblem("# only comments\n\n", ": no header line; expected '" + PriceCsv.HEADER + "'");
    }

    @Test
    void aMissingUnreadableOrOversizedFileIsOneLineNamingIt() throws IOException {
        Path missing = folder.resolve("absent.csv");
        assertThatThrownBy(() -> PriceTable.load(missing)).isInstanceOf(PriceFileException.class)
                .hasMessage(missing + ": no such file");

        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, (HEADER + ",caf\u00e9,exact,1,1,,\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PriceTable.load(latin1)).isInstanceOf(PriceFileException.class)
                .hasMessage(latin1 + ": not UTF-8 text");

        Path huge = folder.resolve("huge.csv");
        Files.write(huge, new byte[(int) PriceTable.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> PriceTable.load(huge)).isInstanceOf(PriceFileException.class)
                .hasMessage(huge + ": larger than " + PriceTable.MAX_FILE_BYTES + " bytes");
    }

    @Test
    void moreRowsThanTheBoundAreRefused() throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i <= PriceCsv.MAX_ROWS; i++) {
            text.append(",m").append(i).append(",exact,1,1,,\n");
        }
        assertProblem(text.toString(),
                "line " + (PriceCsv.MAX_ROWS + 2) + ": more than " + PriceCsv.MAX_ROWS + " rows");
    }

    private PriceTable load(String text) throws IOException, PriceFileException {
        Path file = Files.createTempFile(folder, "prices", ".csv");
        Files.writeString(file, text);
        return PriceTable.load(file);
    }

    private void assertProblem(String text, String expectedAfterFileName) {
        Path file;
        try {
            file = Files.createTempFile(folder, "bad", ".csv");
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> PriceTable.load(file)).isInstanceOf(PriceFileException.class)
                .hasMessage(file + (expectedAfterFileName.startsWith(":") ? "" : " ") + expectedAfterFileName)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
