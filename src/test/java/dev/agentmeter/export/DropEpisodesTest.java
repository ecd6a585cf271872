package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DropEpisodesTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final DropEpisodes episodes = new DropEpisodes(Duration.ofSeconds(10), nanos::get);

    @Test
    void noDropsIsNoEpisode() {
        assertThat(episodes.observe(0)).isEmpty();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(episodes.observe(0)).isEmpty();
    }

    @Test
    void theFirstDropStartsAnEpisodeAndLaterOnesDoNotStartAnother() {
        assertThat(episodes.observe(3)).contains(new DropEpisodes.Started(0));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(episodes.observe(40)).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(episodes.observe(41)).isEmpty();
    }

    @Test
    void anEpisodeEndsAfterAQuietPeriodWithItsCount() {
        episodes.observe(3);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        episodes.observe(10);

        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(episodes.observe(10)).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(episodes.observe(10)).contains(new DropEpisodes.Ended(10, 10));
        assertThat(episodes.observe(10)).isEmpty();
    }

    @Test
    void aSecondEpisodeCountsOnlyItsOwnDrops() {
        episodes.observe(10);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        episodes.observe(10);

        assertThat(episodes.observe(12)).contains(new DropEpisodes.Started(10));
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(episodes.observe(12)).contains(new DropEpisodes.Ended(2, 12));
    }
}
