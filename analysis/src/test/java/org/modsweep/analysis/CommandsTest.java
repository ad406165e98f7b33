package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.AnalysisBenchCommand;
import org.modsweep.analysis.cli.AnalyzeCommand;
import org.modsweep.analysis.cli.VerifyCommand;
import org.modsweep.analysis.synthetic.PlantedStudy;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import picocli.CommandLine;

class CommandsTest {

    @TempDir
    java.nio.file.Path tmp;

    record Result(int code, String out, String err) {}

    /** Epochs of each planted run of a modulus: past every threshold the reports look at. */
    private static final Map<String, Integer> EPOCHS =
            Map.of("standard", 401, "quad_random", 401, "quad_single_freq", 401, "relu_single_freq", 401);

    /** The store at {@code s/} holding the planted study's runs of these moduli. */
    private ResultsStore plantedStore(int... moduli) throws IOException {
        ResultsStore s = ResultsStore.open(tmp.resolve("s").toString());
        PlantedStudy planted = new PlantedStudy(s, 1);
        for (int p : moduli) {
            planted.commitAll(Modulus.of(p), EPOCHS);
        }
        return s;
    }

    static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void analyzeThenVerifyAndVerifyFailsLoudly() throws Exception {
        String store = tmp.resolve("s").toString();
        plantedStore(5);

        Result before = run(new VerifyCommand(), "--store", store);
        assertEquals(1, before.code(), before.out());
        assertTrue(before.out().contains("FAIL p=5: 0/24 files OK"), before.out());

        Result a = run(new AnalyzeCommand(), "--store", store, "--p", "5", "--threads", "2");
        assertEquals(0, a.code(), a.out() + a.err());
        assertTrue(a.out().contains("p=5: 24 files written"), a.out());
        assertTrue(a.out().contains("summary: 5 files"), a.out());

        Result ok = run(new VerifyCommand(), "--store", store);
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().contains("OK   p=5: 24/24 files OK"), ok.out());
        assertTrue(ok.out().contains("OK   summary: all 5 files OK"), ok.out());

        Files.writeString(tmp.resolve("s/results/p_005/p005_metadata.json"), "{not json");
        Result bad = run(new VerifyCommand(), "--store", store);
        assertEquals(1, bad.code());
        assertTrue(bad.out().contains("p005_metadata.json: not valid JSON"), bad.out());
        assertTrue(bad.err().contains("modsweep verify: error:"), bad.err());
    }

    @Test
    void anUnreadableRunFailsTheReportAndIsLeftOutOfTheSummaryLoudly() throws Exception {
        String store = tmp.resolve("s").toString();
        ResultsStore s = plantedStore(5, 7);
        Cell broken = new Cell(Modulus.of(7), StudyConfigs.STANDARD);
        String json = s.readString(s.layout().runJson(broken));
        s.writeString(s.layout().runJson(broken), json.replace("\"act_type\"", "\"activation\""));

        Result p5 = run(new AnalyzeCommand(), "--store", store, "--p", "5", "--threads", "2");
        assertEquals(1, p5.code(), p5.out() + p5.err());
        assertTrue(p5.out().contains("p=5: 24 files written"), p5.out());
        assertTrue(
                p5.out()
                        .contains("LEFT OUT of the summary: p=7: run p007-standard: run.json has an unreadable "
                                + "config"),
                p5.out());
        assertTrue(p5.out().contains("summary: 5 files"), p5.out());
        assertTrue(p5.err().contains("modsweep analyze: error: the cross-p summary lacks some moduli"), p5.err());
        String moduli = Files.readString(tmp.resolve("s/results/summary/moduli.json"));
        assertTrue(moduli.startsWith("{\"moduli\": [5], "), moduli);

        Result p7 = run(new AnalyzeCommand(), "--store", store, "--p", "7", "--threads", "2", "--no-summary");
        assertEquals(1, p7.code(), p7.out() + p7.err());
        assertTrue(
                p7.out().contains("FAILED")
                        && p7.out().contains("run p007-standard: run.json has an unreadable " + "config"),
                p7.out());
        assertTrue(p7.err().contains("modsweep analyze: error: 1 modulus report(s) incomplete"), p7.err());
    }

    /**
     * verify checks the whole store, not only results/: a file of another attempt next to a committed run's part, a
     * partition no committed run owns (both counted by a plain Parquet reader), a run file that differs from its
     * _DONE and one that cannot be read are one line each, and the exit code is 1.
     */
    @Test
    void verifyNamesEveryFileThatIsNotACommittedRunsOwn() throws Exception {
        String store = tmp.resolve("s").toString();
        plantedStore(5);
        assertEquals(
                0,
                run(new AnalyzeCommand(), "--store", store, "--p", "5", "--threads", "2")
                        .code());
        assertEquals(0, run(new VerifyCommand(), "--store", store).code());

        java.nio.file.Path standard = tmp.resolve("s/metrics/p=5/config=standard");
        Files.copy(standard.resolve("part-p005-standard.parquet"), standard.resolve("part-00000-zombie.parquet"));
        java.nio.file.Path stray = Files.createDirectories(tmp.resolve("s/weights/p=7/config=standard"));
        Files.writeString(stray.resolve("part-p007-standard.parquet"), "PAR1");
        // edited by hand: its Hadoop checksum file fails (local disk), or was removed along (as a copy tool would)
        Files.writeString(tmp.resolve("s/runs/p=5/config=quad_random/split.json"), "[]");
        java.nio.file.Path weights =
                tmp.resolve("s/weights/p=5/config=relu_single_freq/part-p005-relu_single_freq.parquet");
        Files.writeString(weights, "edited", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(weights.resolveSibling("." + weights.getFileName() + ".crc"));

        Result r = run(new VerifyCommand(), "--store", store);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("OK   p=5: 24/24 files OK"), r.out());
        assertTrue(r.out().contains("FAIL runs: 4 committed; 4 problem(s)"), r.out() + r.err());
        for (String line : new String[] {
            "p005-standard: metrics/p=5/config=standard/part-00000-zombie.parquet is not part of the committed run",
            "weights/p=7/config=standard: belongs to no committed run",
            "p005-quad_random: runs/p=5/config=quad_random/split.json is unreadable (Checksum error",
            "p005-relu_single_freq: weights/p=5/config=relu_single_freq/part-p005-relu_single_freq.parquet differs"
        }) {
            assertEquals(1, r.out().lines().filter(l -> l.contains(line)).count(), line + " once in: " + r.out());
        }
        assertTrue(r.err().strip().lines().count() == 1, "one error line: " + r.err());
    }

    @Test
    void aCorruptParquetFileFailsOnlyItsModulus() throws Exception {
        String store = tmp.resolve("s").toString();
        ResultsStore s = plantedStore(5, 7);
        Cell broken = new Cell(Modulus.of(7), StudyConfigs.QUAD_RANDOM);
        s.writeString(s.metricsFile(broken), "PAR1 this is no Parquet file PAR1");

        Result r = run(new AnalyzeCommand(), "--store", store, "--threads", "2");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("p=5: 24 files written"), r.out());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertTrue(r.err().lines().count() == 1, "one line: " + r.err());
        assertTrue(Files.exists(tmp.resolve("s/results/p_005/p005_metadata.json")), "the other modulus is reported");
        Result v = run(new VerifyCommand(), "--store", store);
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().contains("p007-quad_random"), "verify names the damaged run: " + v.out());
    }

    @Test
    void benchTimesAPlantedStudySizedModulus() {
        Result r = run(
                new org.modsweep.analysis.cli.AnalysisBenchCommand(), "--p", "5", "--repeat", "1", "--threads", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("planting study-sized runs of p=5"), r.out());
        assertTrue(r.out().contains("warm-up (cold JVM)") && r.out().contains("24 files"), r.out());
        assertTrue(r.out().contains("result: cold"), r.out());
    }

    @Test
    void badInputIsRejected() {
        assertNotEquals(
                0,
                run(new AnalyzeCommand(), "--store", tmp.resolve("empty").toString())
                        .code());
        assertNotEquals(
                0,
                run(new AnalyzeCommand(), "--store", tmp.toString(), "--p", "4").code());
        assertNotEquals(
                0,
                run(new VerifyCommand(), "--store", tmp.resolve("nothing").toString())
                        .code());
    }

    @Test
    void benchTimesTheWholeCommandThroughTheLauncher() throws Exception {
        // a stand-in launcher that records its arguments: the bench must run it once plus --repeat times
        java.nio.file.Path calls = tmp.resolve("calls.txt");
        java.nio.file.Path launcher = tmp.resolve("launcher.sh");
        Files.writeString(launcher, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        assertTrue(launcher.toFile().setExecutable(true));
        Result r = run(
                new AnalysisBenchCommand(),
                "--store",
                "/some/store",
                "--p",
                "23",
                "--repeat",
                "2",
                "--launcher",
                launcher.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("result: first"), r.out());
        assertEquals(
                java.util.List.of(
                        "analyze --store /some/store --p 23",
                        "analyze --store /some/store --p 23",
                        "analyze --store /some/store --p 23"),
                Files.readAllLines(calls));

        Files.writeString(launcher, "#!/bin/sh\nexit 3\n");
        Result failed = run(new AnalysisBenchCommand(), "--store", "/some/store", "--launcher", launcher.toString());
        assertEquals(1, failed.code(), failed.out());
        assertTrue(failed.out().contains("exit 3"), failed.out());
    }
}
