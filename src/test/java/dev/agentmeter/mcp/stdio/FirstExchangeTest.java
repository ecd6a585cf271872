package dev.agentmeter.mcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class FirstExchangeTest {

    @Test
    void initializesAnswerAloneIsNotTheFirstExchange() {
        var exchange = new FirstExchange();

        exchange.answerSent();

        assertThat(exchange.answered().toCompletableFuture()).isNotDone();
    }

    @Test
    void theAnswerAfterInitializesCompletesIt() {
        var exchange = new FirstExchange();

        exchange.answerSent();
        exchange.answerSent();

        assertThat(exchange.answered().toCompletableFuture()).isCompleted();
    }

    @Test
    void theEndOfStdinCompletesItWithoutAnyAnswer() {
        var exchange = new FirstExchange();

        exchange.inputEnded();

        assertThat(exchange.answered().toCompletableFuture()).isCompleted();
    }

    @Test
    void answersSentFromManyThreadsAtOnceStillCompleteIt() throws Exception {
        var exchange = new FirstExchange();
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 8; i++) {
            var thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int j = 0; j < 1_000; j++) {
                    exchange.answerSent();
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(exchange.answered().toCompletableFuture()).isCompleted();
    }
}
