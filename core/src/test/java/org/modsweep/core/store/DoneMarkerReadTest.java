package org.modsweep.core.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.testing.PlantedRuns;

/**
 * A reader that catches a local {@code _DONE} in the moment between its creation and its content (a commit writes it
 * as create then write) reads it again and finds the run committed; a marker that stays damaged makes the run
 * uncommitted, and is not waited for again.
 */
class DoneMarkerReadTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void aMarkerCaughtWhileItIsWrittenCountsOnceItIsComplete() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("s").toString());
        Cell cell = Cell.of(3, "standard");
        PlantedRuns.commit(store, cell, 5);
        Path done = store.layout().doneMarker(cell);
        String manifest = store.readString(done);
        store.writeString(done, ""); // what a reader sees between create and write
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(ResultsStore.SETTLE_MILLIS / 4);
                store.writeString(done, manifest);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(store.isCommitted(cell), "the complete marker is read on the second look");
        writer.get();
    }

    @Test
    void aDamagedMarkerMakesTheRunUncommittedAndIsNotWaitedForTwice() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("s").toString());
        Cell cell = Cell.of(5, "standard");
        PlantedRuns.commit(store, cell, 5);
        store.writeString(store.layout().doneMarker(cell), "{\"format\": ");
        long t0 = System.nanoTime();
        assertFalse(store.isCommitted(cell));
        long first = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(first >= ResultsStore.SETTLE_MILLIS, "read again after " + first + " ms");
        t0 = System.nanoTime();
        assertFalse(store.isCommitted(cell));
        long second = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(second < ResultsStore.SETTLE_MILLIS, "a known damaged marker is not waited for: " + second + " ms");
    }
}
