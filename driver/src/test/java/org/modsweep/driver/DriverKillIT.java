package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.testing.ChildJvm;
import org.modsweep.driver.testing.StoreSnapshot;

/**
 * The driver JVM killed with SIGKILL in the middle of a sweep, then the same command again: only the cells that
 * were not committed train, and the store ends up as an uninterrupted sweep's.
 */
class DriverKillIT {

    @TempDir
    Path tmp;

    static String[] command(Path store) {
        return new String[] {
            "--p",
            "3,5,7",
            "--configs",
            "standard,quad_random",
            "--epochs",
            "300",
            "--master",
            "local[1]",
            "--store",
            store.toString(),
            "--conf",
            "spark.ui.enabled=false"
        };
    }

    @Test
    void killedDriverResumesWithOnlyTheMissingCells() throws Exception {
        Path store = tmp.resolve("store");
        Process child = ChildJvm.builder(SweepApp.class, tmp.resolve("killed.log"), Map.of(), command(store))
                .start();
        ResultsStore s = ResultsStore.open(store.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (s.committedCells().size() < 2) {
            assertTrue(child.isAlive(), () -> "child ended early: " + read(tmp.resolve("killed.log")));
            assertTrue(System.nanoTime() < deadline, "no cell committed in time");
            Thread.sleep(50);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        List<Cell> before = s.committedCells();
        assertTrue(before.size() >= 2 && before.size() < 6, "killed mid-sweep: " + before);
        Map<String, String> markers = new HashMap<>();
        for (Cell c : before) {
            markers.put(c.id(), s.readString(s.layout().doneMarker(c)));
        }

        // the same command again, in this JVM
        assertEquals(0, SweepCliIT.sweep(command(store)).code());
        assertEquals(6, s.committedCells().size());
        for (Cell c : before) {
            assertEquals(markers.get(c.id()), s.readString(s.layout().doneMarker(c)), c.id() + " was not retrained");
        }
        List<String> files = StoreSnapshot.files(s);
        assertFalse(Files.exists(store.resolve("_attempts")), "the killed attempt's directory is gone: " + files);

        // equal to an uninterrupted sweep
        Path clean = tmp.resolve("clean");
        assertEquals(0, SweepCliIT.sweep(command(clean)).code());
        ResultsStore c = ResultsStore.open(clean.toString());
        assertEquals(StoreSnapshot.of(c), StoreSnapshot.of(s));
        assertEquals(LocalSweepIT.dataFiles(c), LocalSweepIT.dataFiles(s));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
