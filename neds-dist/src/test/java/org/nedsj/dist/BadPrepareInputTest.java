package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.spi.io.FolderLock;

/** {@code neds prepare} writes only inside a dataset folder it owns and touches only its own temporaries. */
class BadPrepareInputTest {

    @TempDir
    Path tmp;

    TinyWorld world;

    @BeforeEach
    void world() {
        world = TinyWorld.get();
    }

    private CommandRun prepare(Path out) {
        return CommandRun.of("prepare", "--alf", world.alf.toString(), "--out", out.toString());
    }

    private void assertPrepareRefused(Path out, String... message) {
        FolderSnapshot before = FolderSnapshot.of(out, world.alf);
        Rejection.assertUserError(prepare(out), message);
        before.assertUnchanged();
    }

    @Test
    void aFolderOfTheUsersIsRefusedUntouched() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("thesis.tex"), "\\\\begin{document}\n");
        assertPrepareRefused(out, out.toString(), "holds no prepared dataset", "choose another --out");
    }

    @Test
    void theUsersHiddenFoldersThatLookLikeTemporariesAreNotDeleted() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.createDirectories(out.resolve(".drafts.partial-1")).resolve("a.txt").toFile().createNewFile();
        Files.createDirectories(out.resolve(".backup.old-2")).resolve("b.txt").toFile().createNewFile();
        assertPrepareRefused(out, "holds no prepared dataset");
    }

    @Test
    void aFolderNamedLikeASessionWithTheUsersFilesIsRefused() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(Files.createDirectories(out.resolve(world.sessions.get(0))).resolve("notes.txt"), "mine\n");
        assertPrepareRefused(out, "holds no prepared dataset");
    }

    @Test
    void aForeignManifestIsRefused() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("manifest.json"), "{\"name\": \"my web app\"}\n");
        assertPrepareRefused(out, "is not the manifest of a NEDS-J prepared dataset");
    }

    @Test
    void aFileAsOutIsRefused() throws IOException {
        Path out = Files.writeString(tmp.resolve("data.txt"), "x\n");
        assertPrepareRefused(out, "is a file");
    }

    @Test
    void aMissingAlfRootIsNamed() {
        Path alf = tmp.resolve("no-alf");
        Path out = tmp.resolve("data");
        Rejection.assertUserError(CommandRun.of("prepare", "--alf", alf.toString(), "--out", out.toString()), alf.toString());
        assertFalse(Files.exists(out), "nothing made for a bad input");
    }

    @Test
    void aDatasetFolderInUseIsRefusedNamingTheHolder() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("data"));
        try (FolderLock held = FolderLock.acquire(out, "neds prepare (test)")) {
            assertTrue(held.file().toFile().exists());
            assertPrepareRefused(out, "is in use by another neds command", "neds prepare (test)");
        }
    }

    @Test
    void aUsersFileInsideASessionFolderOfOurDatasetIsNotOverwritten() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(out.resolve(".neds-dataset"), "an interrupted preparation\n");
        Path notes = Files.createDirectories(out.resolve(world.sessions.get(0))).resolve("notes.txt");
        Files.writeString(notes, "mine\n");
        CommandRun r = prepare(out);
        Rejection.assertUserError(r, out.resolve(world.sessions.get(0)).toString(), "holds files neds prepare did not write",
                "notes.txt");
        assertEquals("mine\n", Files.readString(notes));
    }

    @Test
    void preparingAgainKeepsTheUsersHiddenFoldersInsideTheDataset() throws IOException {
        Path data = world.copyOfData(tmp);
        Path drafts = Files.createDirectories(data.resolve(".drafts.partial-1"));
        Files.writeString(drafts.resolve("a.txt"), "mine\n");
        Path leftover = Files.createDirectories(data.resolve(".neds-partial-" + world.sessions.get(0) + "-123"));
        CommandRun r = prepare(data);
        assertEquals(0, r.status(), r.err());
        assertEquals("mine\n", Files.readString(drafts.resolve("a.txt")));
        assertFalse(Files.exists(leftover), "its own leftover temporaries are cleaned up");
        assertTrue(r.out().contains("reused (unchanged)"), r.out());
    }
}
