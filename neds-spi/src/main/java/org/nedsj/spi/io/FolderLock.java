package org.nedsj.spi.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;

/**
 * An exclusive lock on a folder that one command writes (a run, a prepared dataset): the file
 * {@value #FILE_NAME} inside it holds the holder's pid, host, command and start time, and carries an
 * operating-system lock. The OS drops that lock when the holder exits, even on {@code kill -9}, so a
 * lock file left behind by a dead process is stale and is simply taken over.
 */
public final class FolderLock implements AutoCloseable {

    public static final String FILE_NAME = ".neds.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} (which must exist) for {@code command}.
     *
     * @throws FolderBusyException naming the holder when another process or command holds it
     */
    public static FolderLock acquire(Path folder, String command) {
        Path file = folder.toAbsolutePath().resolve(FILE_NAME);
        String holder = describeSelf(command);
        for (int attempt = 0; attempt < 5; attempt++) {
            FolderLock taken = tryOnce(file, holder);
            if (taken != null) {
                return taken;
            }
        }
        throw busy(folder, file);
    }

    /** One try: lock the file, write our holder line, and check the path still names the file we locked. */
    private static FolderLock tryOnce(Path file, String holder) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw busy(file.getParent(), file);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            if (!holder.equals(readQuietly(file))) {
                lock.release();
                channel.close();
                return null;
            }
            return new FolderLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file.getParent() + " (" + e.getMessage()
                    + "); check that the folder is writable", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static FolderBusyException busy(Path folder, Path file) {
        String holder = holderOf(file);
        return new FolderBusyException(folder + " is in use by another neds command ("
                + (holder == null || holder.isBlank() ? "holder unknown" : holder.strip())
                + "); wait for it to finish or choose another folder");
    }

    /**
     * The holder line; the holder writes it just after taking the lock, so a file still empty is read
     * again a few times before the holder is called unknown.
     */
    private static String holderOf(Path file) {
        String holder = readQuietly(file);
        for (int wait = 0; wait < 25 && holder != null && holder.isBlank(); wait++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            holder = readQuietly(file);
        }
        return holder;
    }

    private static String describeSelf(String command) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", " + command + ", since " + Instant.now()
                + " [" + UUID.randomUUID() + "]\n";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the first error is the one to report
            }
        }
    }

    /** The lock file; a folder's contents checks skip it. */
    public Path file() {
        return file;
    }

    /** Deletes the lock file, then drops the OS lock (in that order, so no one locks a file about to vanish). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
        }
    }
}
