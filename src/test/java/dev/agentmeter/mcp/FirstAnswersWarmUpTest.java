package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class FirstAnswersWarmUpTest {

    @Test
    void theCapabilitiesTheInitializeAnswerAndEveryToolAreWrittenWithoutAFailure() {
        assertThatCode(FirstAnswersWarmUp::run).doesNotThrowAnyException();
    }

    @Test
    void theWarmUpRunsOnADaemonThreadThatEnds() throws InterruptedException {
        Thread warmUp = FirstAnswersWarmUp.startAside();

        assertThat(warmUp.isDaemon()).as("never holds the process's exit").isTrue();
        warmUp.join(30_000);
        assertThat(warmUp.isAlive()).isFalse();
    }
}
