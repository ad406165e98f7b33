package org.modsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench lanes} trains real batches and prints a row per K; a device this machine lacks is refused first. */
class BenchLanesCommandTest {

    @Test
    void printsSoloAndEveryLaneCount() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchLanesCommand());
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute("--p", "5", "--lanes", "1,4", "--run-epochs", "200");
        assertEquals(0, code, out.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s).*\\n5 +solo +200 .*"), text);
        assertTrue(text.matches("(?s).*\\n5 +1 +200 .*x.*"), text);
        assertTrue(text.matches("(?s).*\\n5 +4 +50 .*x.*"), text);
    }

    @Test
    void aMissingGpuIsRefusedBeforeAnythingRuns() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchLanesCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--p", "5", "--lanes", "4", "--device", "gpu:0");
        assertNotEquals(0, code);
        assertTrue(
                err.toString().contains("device gpu:0 requested but the PyTorch engine sees 0 GPU(s)"), err.toString());
        assertEquals("", out.toString());
    }
}
