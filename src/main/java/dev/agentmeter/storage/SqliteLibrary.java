package dev.agentmeter.storage;

import org.sqlite.SQLiteJDBCLoader;

/**
 * SQLite's native library, extracted and loaded ahead of the first database open. The driver does it on the first
 * connection; doing it on a second thread while the command line is read takes it off the start-up's critical path
 * (issue 15). Thread-safe: the driver's loader is synchronized and loads once, so an open racing this one waits
 * for it.
 */
public final class SqliteLibrary {

    private SqliteLibrary() {
    }

    /**
     * Loads the library now, best effort: a failure here is left for the database open to report, with its path and
     * cause, as it did before.
     */
    public static void loadEarly() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // Reported by TaskDatabase.open, which loads the library again and fails with context.
        }
    }
}
