package org.modsweep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.modsweep.core.config.EpochCap;

/** The one-line failure text every command and result file uses, and the --epochs check every command shares. */
class ErrorsTest {

    @Test
    void messageFallsBackToTheClassName() {
        assertEquals("disk full\nat block 7", Errors.message(new IOException("disk full\nat block 7")));
        assertEquals("IllegalStateException", Errors.message(new IllegalStateException()));
    }

    @Test
    void firstLineSkipsWrappersWithoutAMessage() {
        assertEquals("disk full", Errors.firstLine(new IOException("disk full\nat block 7")));
        RuntimeException wrapped = new RuntimeException(null, new IOException("no route\nto host"));
        assertEquals("no route", Errors.firstLine(wrapped));
        assertEquals("NullPointerException", Errors.firstLine(new RuntimeException(null, new NullPointerException())));
        // a wrapper built from its cause carries the cause's toString as its own message
        assertEquals("java.io.IOException: gone", Errors.firstLine(new UncheckedIOException(new IOException("gone"))));
    }

    @Test
    void typeAndFirstLine() {
        assertEquals("IOException: disk full", Errors.typeAndFirstLine(new IOException("disk full\nmore")));
        assertEquals("IllegalStateException", Errors.typeAndFirstLine(new IllegalStateException()));
    }

    @Test
    void epochCapIsNullOrPositive() {
        assertNull(EpochCap.check(null));
        assertEquals(1, EpochCap.check(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EpochCap.check(0));
        assertEquals("--epochs must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpochCap.check(-3));
    }
}
