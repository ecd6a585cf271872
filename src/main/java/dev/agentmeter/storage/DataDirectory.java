package dev.agentmeter.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data folder, held for as long as this process uses it: one AgentMeter per folder, because each one
 * rebuilds its figures from the database and would otherwise miss what another wrote. The lock is the
 * operating system's, so it is released when the process dies, even by {@code kill -9}.
 *
 * <p>Not thread-safe; {@link #close} once.
 */
final class DataDirectory implements AutoCloseable {

    static final String DATABASE_FILE = "agentmeter.db";
    private static final String LOCK_FILE = "agentmeter.lock";

    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path folder, FileChannel lockChannel, FileLock lock) {
        this.folder = folder;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates {@code folder} if needed and takes it for this process. */
    static DataDirectory claim(Path folder) throws StorageException {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("cannot use " + absolute + " as the data folder: it exists and is not a folder",
                    e);
        } catch (IOException e) {
            throw new StorageException("cannot create the data folder " + absolute + ": " + describe(e), e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("cannot write in the data folder " + absolute + ": " + describe(e), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(absolute, null);
            }
            return new DataDirectory(absolute, channel, lock);
        } catch (IOException | OverlappingFileLockException | StorageException e) {
            closeQuietly(channel);
            throw e instanceof StorageException storage ? storage : inUse(absolute, e);
        }
    }

    Path folder() {
        return folder;
    }

    Path database() {
        return folder.resolve(DATABASE_FILE);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it anyway.
        }
        closeQuietly(lockChannel);
    }

    private static StorageException inUse(Path folder, Throwable cause) {
        return new StorageException("the data folder " + folder + " is in use by another AgentMeter; "
                + "give each one its own --data", cause);
    }

    /** What went wrong, in words rather than class names: the reason is shown to people. */
    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
