package org.nedsj.data.alf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Finds the session folders ({@code …/<subject>/<YYYY-MM-DD>/<NNN>}) anywhere under a root. */
public final class SessionFinder {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final int MAX_DEPTH = 12;

    private SessionFinder() {
    }

    /**
     * Every session under {@code root} (which may itself be a session folder), sorted by id.
     *
     * @throws AlfDataException when the root is missing, holds no session, or two folders give one id
     */
    public static List<SessionRef> find(Path root) {
        if (!Files.isDirectory(root)) {
            throw new AlfDataException("ALF root " + root + " is not a folder; point it at a ONE cache or a folder written by neds synth");
        }
        List<SessionRef> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    SessionRef ref = asSession(dir.toAbsolutePath().normalize());
                    if (ref != null) {
                        found.add(ref);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return name.startsWith(".") && !dir.equals(root) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + root + " for sessions", e);
        }
        if (found.isEmpty()) {
            throw new AlfDataException("no ALF session folders (<lab>/Subjects/<subject>/<YYYY-MM-DD>/<NNN>) under " + root
                    + "; point it at a ONE cache or a folder written by neds synth");
        }
        found.sort(Comparator.comparing(SessionRef::id));
        Map<String, SessionRef> byId = new HashMap<>();
        for (SessionRef r : found) {
            SessionRef other = byId.put(r.id(), r);
            if (other != null) {
                throw new AlfDataException("two session folders give the id " + r.id() + ": " + other.path() + " and " + r.path()
                        + "; keep one of them under the root");
            }
        }
        return found;
    }

    /** The session this folder is, or null. */
    static SessionRef asSession(Path dir) {
        Path date = dir.getParent();
        if (dir.getFileName() == null || date == null || date.getFileName() == null || date.getParent() == null) {
            return null;
        }
        String number = dir.getFileName().toString();
        if (!NUMBER.matcher(number).matches() || !DATE.matcher(date.getFileName().toString()).matches()) {
            return null;
        }
        Path subject = date.getParent();
        if (subject.getFileName() == null) {
            return null;
        }
        Path subjects = subject.getParent();
        String lab = "";
        if (subjects != null && subjects.getFileName() != null && subjects.getFileName().toString().equals("Subjects")
                && subjects.getParent() != null && subjects.getParent().getFileName() != null) {
            lab = subjects.getParent().getFileName().toString();
        }
        return new SessionRef(lab, subject.getFileName().toString(), date.getFileName().toString(),
                String.format("%03d", Integer.parseInt(number)), dir);
    }
}
