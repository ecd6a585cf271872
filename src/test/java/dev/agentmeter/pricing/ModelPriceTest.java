package dev.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Cost arithmetic: every figure below is worked out by hand in nano-dollars (1e-9 USD). */
class ModelPriceTest {

    private static final ModelPrice SONNET_4_5 = new ModelPrice(3, 15, 0.3, 3.75);
    private static final ModelPrice HAIKU_4_5 = new ModelPrice(1, 5, 0.1, 1.25);
    private static final ModelPrice OPUS_4_1 = new ModelPrice(15, 75, 1.5, 18.75);

    @Test
    void cachedReadTokensArePartOfTheInputAndPricedAtTheCacheReadPrice() {
        // 800,000 uncached x $3/M = $2.40; 200,000 cache reads x $0.30/M = $0.06; 50,000 out x $15/M = $0.75.
        assertThat(SONNET_4_5.costNanoUsd(1_000_000, 50_000, 200_000, 0)).isEqualTo(3_210_000_000L);
    }

    @Test
    void inputOnlyAndOutputOnlyArePricedAtTheirOwnPrices() {
        assertThat(SONNET_4_5.costNanoUsd(1_000_000, 0, 0, 0)).isEqualTo(3_000_000_000L);
        assertThat(SONNET_4_5.costNanoUsd(0, 1_000_000, 0, 0)).isEqualTo(15_000_000_000L);
        assertThat(SONNET_4_5.costNanoUsd(0, 0, 0, 0)).isZero();
    }

    @Test
    void cacheWritesArePricedAtTheCacheWritePrice() {
        // 5,000 uncached x 1,000 n$ + 3,000 reads x 100 n$ + 2,000 writes x 1,250 n$ + 1,000 out x 5,000 n$.
        assertThat(HAIKU_4_5.costNanoUsd(10_000, 1_000, 3_000, 2_000)).isEqualTo(12_800_000L);
    }

    @Test
    void cachePartsLargerThanTheInputLeaveNoUncachedInput() {
        // 0 uncached; 80 reads x 100 n$ + 50 writes x 1,250 n$.
        assertThat(HAIKU_4_5.costNanoUsd(100, 0, 80, 50)).isEqualTo(70_500L);
    }

    @Test
    void costIsRoundedToTheNearestNanoDollarHalfUp() {
        ModelPrice halfNanoPerToken = new ModelPrice(0.0005, 0, 0, 0);
        assertThat(halfNanoPerToken.costNanoUsd(1, 0, 0, 0)).isEqualTo(1);
        assertThat(halfNanoPerToken.costNanoUsd(3, 0, 0, 0)).isEqualTo(2);
        assertThat(new ModelPrice(0.000499, 0, 0, 0).costNanoUsd(1, 0, 0, 0)).isZero();
    }

    @Test
    void sumsOfSeveralPartsAreRoundedOnceNotPerPart() {
        // 1 uncached, 1 read and 1 written token at 0.4 n$ each: 0 n$ rounded alone, 1.2 n$ together, so 1.
        ModelPrice price = new ModelPrice(0.0004, 0.0004, 0.0004, 0.0004);
        assertThat(price.costNanoUsd(3, 0, 1, 1)).isEqualTo(1);
    }

    @Test
    void decimalPricesThatAreInexactInBinaryGiveExactCosts() {
        // 0.075 and 0.3 have no exact double; 1,000,000 tokens cost exactly $0.075 and $0.30.
        assertThat(new ModelPrice(0.075, 0.3, 0.075, 0.075).costNanoUsd(1_000_000, 1_000_000, 0, 0))
                .isEqualTo(375_000_000L);
    }

    @Test
    void aTrillionTokensOfEachKindDoNotOverflow() {
        // uncached 5e11 x $15/M = $7,500,000; reads 4e11 x $1.5/M = $600,000; writes 1e11 x $18.75/M =
        // $1,875,000; output 1e12 x $75/M = $75,000,000. Total $84,975,000 = 8.4975e16 n$.
        long trillion = 1_000_000_000_000L;
        assertThat(OPUS_4_1.costNanoUsd(trillion, trillion, 400_000_000_000L, 100_000_000_000L))
                .isEqualTo(84_975_000_000_000_000L);
    }

    @Test
    void costsEqualExactDecimalArithmeticForSeededRandomCallsAndPrices() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal[] prices = new BigDecimal[4];
            for (int p = 0; p < 4; p++) {
                // Up to 1,000,000 USD per million with 9 decimals, mostly small like real prices.
                long units = random.nextBoolean() ? random.nextLong(100_000_000_000L)
                        : random.nextLong(1_000_000_000_000_001L);
                prices[p] = BigDecimal.valueOf(units, 9);
            }
            long[] tokens = new long[4];
            for (int t = 0; t < 4; t++) {
                tokens[t] = random.nextBoolean() ? random.nextLong(1_000_000) : random.nextLong(1_000_000_000_001L);
            }
            ModelPrice price = new ModelPrice(prices[0].doubleValue(), prices[1].doubleValue(),
                    prices[2].doubleValue(), prices[3].doubleValue());
            long uncached = Math.max(0, tokens[0] - tokens[2] - tokens[3]);
            BigDecimal usd = BigDecimal.valueOf(uncached).multiply(prices[0])
                    .add(BigDecimal.valueOf(tokens[1]).multiply(prices[1]))
                    .add(BigDecimal.valueOf(tokens[2]).multiply(prices[2]))
                    .add(BigDecimal.valueOf(tokens[3]).multiply(prices[3]))
                    .movePointLeft(6);
            BigDecimal nanos = usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
            long expectedNanos = nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
                    : nanos.longValueExact();
            assertThat(price.costNanoUsd(tokens[0], tokens[1], tokens[2], tokens[3])).as("call %d", i)
                    .isEqualTo(expectedNanos);
        }
    }

    @Test
    void aCostBeyondTheLongRangeSaturates() {
        ModelPrice dearest = new ModelPrice(ModelPrice.MAX_PER_MILLION, ModelPrice.MAX_PER_MILLION, 0, 0);
        assertThat(dearest.costNanoUsd(Long.MAX_VALUE, Long.MAX_VALUE, 0, 0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negativeTokenCountsAreRefused() {
        assertThatThrownBy(() -> SONNET_4_5.costNanoUsd(-1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputTokens");
        assertThatThrownBy(() -> SONNET_4_5.costNanoUsd(0, 0, 0, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheWriteTokens");
    }

    @Test
    void negativeNonFiniteOrAbsurdPricesAreRefused() {
        assertThatThrownBy(() -> new ModelPrice(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPrice(0, Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPrice(0, 0, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPrice(0, 0, 0, 1_000_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
