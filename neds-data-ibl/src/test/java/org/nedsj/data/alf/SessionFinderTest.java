package org.nedsj.data.alf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionFinderTest {

    @TempDir
    Path root;

    @Test
    void findsSessionsAnywhereUnderTheRootWithStableIds() throws IOException {
        Files.createDirectories(root.resolve("cache/cortexlab/Subjects/KS023/2019-12-10/001/alf"));
        Files.createDirectories(root.resolve("cache/angelakilab/Subjects/NYU-11/2020-02-21/2/alf"));
        Files.createDirectories(root.resolve("cache/cortexlab/Subjects/KS023/notes"));
        List<SessionRef> found = SessionFinder.find(root);
        assertEquals(List.of("angelakilab_NYU-11_2020-02-21_002", "cortexlab_KS023_2019-12-10_001"),
                found.stream().map(SessionRef::id).toList());
        assertEquals("cortexlab", found.get(1).lab());
        assertEquals(List.of("cortexlab_KS023_2019-12-10_001"),
                SessionFinder.find(root.resolve("cache/cortexlab/Subjects/KS023/2019-12-10/001")).stream().map(SessionRef::id).toList(),
                "the root may be the session folder itself");
    }

    @Test
    void sessionsOutsideALabFolderHaveNoLabInTheirId() throws IOException {
        Files.createDirectories(root.resolve("mouse 7/2021-03-04/001"));
        assertEquals("mouse-7_2021-03-04_001", SessionFinder.find(root).get(0).id(), "filesystem-safe");
    }

    @Test
    void explainsAnEmptyOrMissingRoot() throws IOException {
        Files.createDirectories(root.resolve("empty"));
        AlfDataException none = assertThrows(AlfDataException.class, () -> SessionFinder.find(root.resolve("empty")));
        assertTrue(none.getMessage().contains("no ALF session folders"), none.getMessage());
        AlfDataException missing = assertThrows(AlfDataException.class, () -> SessionFinder.find(root.resolve("nope")));
        assertTrue(missing.getMessage().contains(root.resolve("nope") + " is not a folder"), missing.getMessage());
    }

    @Test
    void twoFoldersWithOneIdAreAnError() throws IOException {
        Files.createDirectories(root.resolve("a/lab/Subjects/S/2020-01-01/001"));
        Files.createDirectories(root.resolve("b/lab/Subjects/S/2020-01-01/1"));
        AlfDataException e = assertThrows(AlfDataException.class, () -> SessionFinder.find(root));
        assertTrue(e.getMessage().contains("lab_S_2020-01-01_001"), e.getMessage());
    }
}
