package org.modsweep.analysis.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.modsweep.analysis.report.Artifact;
import org.modsweep.analysis.report.Artifacts;
import org.modsweep.analysis.report.ResultFiles;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/**
 * The study's verify step for a store: for every modulus with committed runs or a results directory, every file of
 * outputs.md §1 ({@link Artifacts}) exists, every JSON parses and has its keys, every PNG decodes and is not blank.
 */
public final class ResultsVerifier {

    /** Fewer differing pixels than this counts as blank. */
    static final int MIN_INK_PIXELS = 50;

    static {
        ImageIO.setUseCache(false); // decode in memory, not through temporary files
    }

    private ResultsVerifier() {}

    /** The verdict for one modulus. */
    public record ModulusCheck(Modulus modulus, int expected, int ok, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }

        public String line() {
            return "p=" + modulus.p() + ": " + ok + "/" + expected + " files OK"
                    + (problems.isEmpty() ? "" : "; " + problems.size() + " problem(s)");
        }
    }

    /** Verdicts for the whole store, one per modulus in ascending order (empty when nothing is there). */
    public static List<ModulusCheck> verify(ResultsStore store) throws IOException {
        List<ModulusCheck> out = new ArrayList<>();
        for (Modulus p : moduli(store)) {
            out.add(verify(store, p));
        }
        return out;
    }

    /** Moduli with committed runs or a results directory. */
    public static List<Modulus> moduli(ResultsStore store) throws IOException {
        TreeSet<Modulus> set = new TreeSet<>();
        for (Cell c : store.committedCells()) {
            if (c.isStudyRun()) { // per-p results exist for the study's runs only
                set.add(c.modulus());
            }
        }
        Path results = store.layout().resultsRoot();
        if (store.fs().exists(results)) {
            for (FileStatus st : store.fs().listStatus(results)) {
                String n = st.getPath().getName();
                if (st.isDirectory() && n.matches("p_\\d{3,}")) {
                    try {
                        set.add(Modulus.of(Integer.parseInt(n.substring(2))));
                    } catch (IllegalArgumentException e) {
                        // not a modulus directory of ours
                    }
                }
            }
        }
        return new ArrayList<>(set);
    }

    public static ModulusCheck verify(ResultsStore store, Modulus p) {
        List<Artifact> artifacts = Artifacts.forModulus(p);
        List<String> problems = new ArrayList<>();
        int ok = 0;
        for (Artifact a : artifacts) {
            String file = a.fileName(p);
            Path path = store.layout().resultFile(p, a.name());
            try {
                if (!ResultFiles.exists(store, path)) {
                    problems.add(file + ": missing");
                    continue;
                }
                byte[] bytes = ResultFiles.read(store, path);
                String problem = a.isJson() ? checkJson(bytes, a.requiredKeys(p)) : checkPng(bytes);
                if (problem == null) {
                    ok++;
                } else {
                    problems.add(file + ": " + problem);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        return new ModulusCheck(p, artifacts.size(), ok, problems);
    }

    /**
     * The cross-p summary files, checked only when the summary exists (a store reduced by a sweep or by
     * {@code analyze}); null when there is no summary yet.
     */
    public static List<String> verifySummary(ResultsStore store) throws IOException {
        Path dir = store.layout().summaryDir();
        if (!ResultFiles.exists(store, new Path(dir, "moduli.json"))) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        for (String name : org.modsweep.analysis.CrossModulusSummary.FILES) {
            Path f = new Path(dir, name);
            if (!ResultFiles.exists(store, f)) {
                problems.add("summary/" + name + ": missing");
                continue;
            }
            byte[] bytes = ResultFiles.read(store, f);
            String problem = name.endsWith(".json")
                    ? checkJson(
                            bytes,
                            name.equals("moduli.json")
                                    ? List.of("moduli", "columns", "rows")
                                    : List.of("standard", "grokking"))
                    : checkPng(bytes);
            if (problem != null) {
                problems.add("summary/" + name + ": " + problem);
            }
        }
        return problems;
    }

    /** Null if the JSON parses to an object with every key, else the problem. */
    public static String checkJson(byte[] bytes, List<String> keys) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return "not valid JSON (" + Errors.firstLine(e) + ")";
        }
        if (n == null || !n.isObject()) {
            return "not a JSON object";
        }
        List<String> absent = new ArrayList<>();
        for (String k : keys) {
            if (!n.has(k)) {
                absent.add(k);
            }
        }
        return absent.isEmpty() ? null : "missing key(s) " + absent;
    }

    /** Null if the bytes decode as an image with visible content, else the problem. */
    public static String checkPng(byte[] bytes) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return "PNG does not decode (" + e.getMessage() + ")";
        }
        if (img == null) {
            return "not a PNG image";
        }
        if (img.getWidth() < 10 || img.getHeight() < 10) {
            return "image too small (" + img.getWidth() + "x" + img.getHeight() + ")";
        }
        int bg = img.getRGB(0, 0);
        int ink = 0;
        for (int y = 0; y < img.getHeight() && ink < MIN_INK_PIXELS; y += 1) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != bg && ++ink >= MIN_INK_PIXELS) {
                    break;
                }
            }
        }
        return ink >= MIN_INK_PIXELS ? null : "blank image";
    }
}
