package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The current second's lanes, one writer step at a time on one thread, so each interleaving is exact. */
class SecondLanesTest {

    private static final long SECOND = 1_800_000_000L;

    /**
     * Sixteen stripes, as on four processors. The writer of stripe 8 counted a task of a second and is still
     * inside its critical section (between reading its lane's second and adding to it, in a real race); the
     * writer of stripe 0 then moves on to the next second. Its lane must not be the one it empties.
     */
    @Test
    void aWriterMovingOnNeverEmptiesTheLaneOfAWriterOfAnotherStripeStillInside() {
        var phaser = new StripedPhaser(16);
        var series = new SecondSeries(60, new SecondLanes(phaser));

        long stillInside = phaser.enter(8);
        series.record(8, stillInside, SECOND, 100, true, null);
        long movingOn = phaser.enter(0);
        series.record(0, movingOn, SECOND, 100, true, null);
        series.record(0, movingOn, SECOND + 1, 100, true, null);
        phaser.exit(0, movingOn);

        assertThat(series.countSince(SECOND, 1))
                .as("the second the writer of stripe 8 is still counting in: only stripe 0's task added so far")
                .isEqualTo(1);

        phaser.exit(8, stillInside);
        series.drain(phaser.flipPhase());
        assertThat(series.countSince(SECOND, 1)).isEqualTo(2);
        assertThat(series.countSince(SECOND + 1, 1)).isEqualTo(1);
    }

    @Test
    void aWriterAloneOnItsStripeMovesItsLaneOnAndTheOldSecondIsInTheSeriesAtOnce() {
        var phaser = new StripedPhaser(8);
        var series = new SecondSeries(60, new SecondLanes(phaser));

        long entered = phaser.enter(3);
        series.record(3, entered, SECOND, 100, true, null);
        series.record(3, entered, SECOND, 200, false, null);
        assertThat(series.countSince(SECOND, 1)).as("still in the lane").isZero();
        series.record(3, entered, SECOND + 1, 100, true, null);
        phaser.exit(3, entered);

        assertThat(series.countSince(SECOND, 1)).as("added when the lane moved on").isEqualTo(2);
        series.drain(phaser.flipPhase());
        assertThat(series.countSince(SECOND + 1, 1)).isEqualTo(1);
    }
}
