package org.modsweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher's command line: bad syntax is one line and exit 2, and a stray value is never echoed. */
class CliErrorsTest {

    record Run(int code, String err) {}

    static Run run(String... args) {
        CommandLine cl = Modsweep.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void aValueAfterASpaceIsNotRepeated() {
        Run r = run("sweep", "--p", "3", "--conf", "spark.hadoop.fs.s3a.endpoint=http://x", "s3cr3tV4lue");
        assertEquals(2, r.code(), r.err());
        assertFalse(r.err().contains("s3cr3tV4lue"), r.err());
        assertTrue(r.err().startsWith("modsweep sweep: error: 1 unexpected argument(s), not repeated"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void unknownOptionsAndTheHistoryCommandAreThere() {
        Run r = run("sweep", "--epoch", "5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--epoch"), r.err());
        assertEquals(2, run("history", "--port", "99999").code());
    }

    @Test
    void migrateIsACommandAndAMissingStoreIsOneLine() {
        CommandLine cl = Modsweep.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("migrate", "--help"));
        assertTrue(out.toString().contains("overrides/<run id>/"), out.toString());
        Run r = run("migrate", "--store", "/nonexistent/modsweep-store");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("modsweep migrate: error: "), r.err());
    }
}
