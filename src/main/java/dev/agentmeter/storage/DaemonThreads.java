package dev.agentmeter.storage;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the stores (SQLite and PostgreSQL): named for thread dumps, and daemons, so that they never keep the
 * process alive.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        var count = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
