package org.modsweep.analysis.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;

/**
 * One file of a modulus report (outputs.md §1): its name (without the {@code pPPP_} prefix), the step that reports
 * its failure, the analyses it reads, the smallest modulus it is written for, the keys its JSON must carry, and
 * how its bytes are produced. {@link Artifacts} lists them in generation order.
 */
public final class Artifact {

    /** Draws a figure from the analyses it declared. */
    @FunctionalInterface
    interface FigureSource {
        Figure draw(ModulusAnalyses a) throws Exception;
    }

    /** Builds a JSON document (maps, lists, arrays, numbers, strings) from the analyses it declared. */
    @FunctionalInterface
    interface DocumentSource {
        Object build(ModulusAnalyses a) throws Exception;
    }

    @FunctionalInterface
    private interface Producer {
        byte[] produce(ModulusAnalyses a) throws Exception;
    }

    private final String name;
    private final String step;
    private final Set<Analysis> needs;
    private final int minP;
    private final Function<Modulus, List<String>> keys;
    private final Producer producer;

    private Artifact(
            String name,
            String step,
            Set<Analysis> needs,
            int minP,
            Function<Modulus, List<String>> keys,
            Producer producer) {
        this.name = name;
        this.step = step;
        this.needs = Set.copyOf(needs);
        this.minP = minP;
        this.keys = keys;
        this.producer = producer;
    }

    static Artifact png(String name, String step, Set<Analysis> needs, FigureSource figure) {
        return new Artifact(name, step, needs, Modulus.MIN_P, p -> List.of(), a -> figure.draw(a)
                .png());
    }

    /** A compact JSON file ({@code ", "} / {@code ": "} separators). */
    static Artifact json(
            String name, String step, Set<Analysis> needs, Function<Modulus, List<String>> keys, DocumentSource doc) {
        return new Artifact(name, step, needs, Modulus.MIN_P, keys, a -> PyJson.compact(doc.build(a))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON file indented by 2, as {@code metadata.json}. */
    static Artifact indentedJson(
            String name, String step, Set<Analysis> needs, Function<Modulus, List<String>> keys, DocumentSource doc) {
        return new Artifact(name, step, needs, Modulus.MIN_P, keys, a -> PyJson.indented(doc.build(a))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The same artefact, written only for moduli with a grokking run (p ≥ 19). */
    Artifact grokkingOnly() {
        return new Artifact(name, step, needs, StudyConfigs.GROKKING.minP(), keys, producer);
    }

    /** File name without the {@code pPPP_} prefix, e.g. {@code metadata.json}. */
    public String name() {
        return name;
    }

    /** File name in {@code results/p_PPP/}, e.g. {@code p023_metadata.json}. */
    public String fileName(Modulus p) {
        return prefix(p) + name;
    }

    public static String prefix(Modulus p) {
        return "p" + p.padded() + "_";
    }

    /** The step a failure of this file is reported under (e.g. "overview", "grokking"). */
    public String step() {
        return step;
    }

    /** The analyses it reads. */
    public Set<Analysis> needs() {
        return needs;
    }

    /** The smallest modulus it is written for. */
    public int minP() {
        return minP;
    }

    public boolean appliesTo(Modulus p) {
        return p.p() >= minP;
    }

    public boolean isJson() {
        return name.endsWith(".json");
    }

    /** Keys of the configurations whose runs it reads for p, in the study's order. */
    public List<String> configurations(Modulus p) {
        List<String> out = new ArrayList<>();
        for (RunConfig c : StudyConfigs.forModulus(p)) {
            if (needs.contains(Analysis.STORED_RUNS)
                    || needs.stream()
                            .anyMatch(n -> n.configuration() != null
                                    && n.configuration().key().equals(c.key()))) {
                out.add(c.key());
            }
        }
        return out;
    }

    /** Top-level keys its JSON must carry for p (empty for PNGs). */
    public List<String> requiredKeys(Modulus p) {
        return keys.apply(p);
    }

    /** Produces the file's bytes; the analyses it reads must be among {@link #needs()}. */
    byte[] produce(ModulusAnalyses analyses) throws Exception {
        return producer.produce(analyses.limitedTo(this));
    }

    @Override
    public String toString() {
        return name;
    }
}
