package org.modsweep.analysis.report;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.lottery.LotteryTracking;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

/**
 * The analyses of one modulus, each started once on the report's executor as soon as the runs are loaded. A failed
 * analysis is remembered and rethrown to every file that reads it. Artefacts see a view limited to the analyses
 * they declare, so a missing declaration fails at once instead of racing the analysis.
 */
final class ModulusAnalyses {

    private static final Logger LOG = LogManager.getLogger(ModulusAnalyses.class);

    @FunctionalInterface
    private interface Computation<T> {
        T compute() throws Exception;
    }

    private final Modulus p;
    private final Map<String, StoredRun> runs;
    private final Map<String, Exception> missing;
    private final Map<Analysis, CompletableFuture<?>> futures;
    private final Map<Analysis, Long> millis;
    private final Set<Analysis> visible;
    private final String reader;

    private ModulusAnalyses(
            Modulus p,
            Map<String, StoredRun> runs,
            Map<String, Exception> missing,
            Map<Analysis, CompletableFuture<?>> futures,
            Map<Analysis, Long> millis,
            Set<Analysis> visible,
            String reader) {
        this.p = p;
        this.runs = runs;
        this.missing = missing;
        this.futures = futures;
        this.millis = millis;
        this.visible = visible;
        this.reader = reader;
    }

    /** Loads the committed runs of p and starts every analysis on the executor. */
    static ModulusAnalyses start(ResultsStore store, Modulus p, Executor executor) {
        Map<String, StoredRun> runs = new LinkedHashMap<>();
        Map<String, Exception> missing = new LinkedHashMap<>();
        for (RunConfig c : StudyConfigs.forModulus(p)) {
            try {
                runs.put(c.key(), StoredRun.load(store, new Cell(p, c)));
            } catch (Exception e) {
                missing.put(c.key(), e);
            }
        }
        ModulusAnalyses a = new ModulusAnalyses(
                p,
                runs,
                missing,
                new EnumMap<>(Analysis.class),
                new ConcurrentHashMap<>(),
                EnumSet.allOf(Analysis.class),
                "the report");
        a.futures.put(Analysis.STORED_RUNS, CompletableFuture.completedFuture(runs));
        CompletableFuture<StandardRunAnalysis> standard =
                a.begin(Analysis.STANDARD, executor, () -> StandardRunAnalysis.of(a.run(StudyConfigs.STANDARD)));
        a.futures.put(
                Analysis.FINAL_LOGITS,
                standard.thenApplyAsync(
                        s -> a.timed(Analysis.FINAL_LOGITS, () -> s.finalNet().allLogits()), executor));
        a.begin(Analysis.GROKKING, executor, () -> GrokkingRunAnalysis.of(a.run(StudyConfigs.GROKKING)));
        a.begin(Analysis.LOTTERY, executor, a::lotteryTracking);
        a.begin(
                Analysis.QUAD_SINGLE_FREQ,
                executor,
                () -> SingleFreqRunAnalysis.of(a.run(StudyConfigs.QUAD_SINGLE_FREQ), 14));
        a.begin(
                Analysis.RELU_SINGLE_FREQ,
                executor,
                () -> SingleFreqRunAnalysis.of(a.run(StudyConfigs.RELU_SINGLE_FREQ), 4));
        return a;
    }

    private <T> CompletableFuture<T> begin(Analysis which, Executor executor, Computation<T> c) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> timed(which, c), executor);
        futures.put(which, f);
        return f;
    }

    private <T> T timed(Analysis which, Computation<T> c) {
        long t0 = System.nanoTime();
        try {
            return c.compute();
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            millis.put(which, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Completes (normally) once every analysis in {@code needs} has finished, successfully or not. */
    CompletableFuture<Void> settled(Set<Analysis> needs) {
        return CompletableFuture.allOf(
                needs.stream().map(n -> futures.get(n).handle((v, e) -> null)).toArray(CompletableFuture[]::new));
    }

    /** This view, limited to what the artefact declares it reads. */
    ModulusAnalyses limitedTo(Artifact artifact) {
        return new ModulusAnalyses(p, runs, missing, futures, millis, artifact.needs(), artifact.name());
    }

    /** Wall time per finished analysis, in ms. */
    Map<Analysis, Long> millis() {
        return millis;
    }

    Modulus modulus() {
        return p;
    }

    /** The loaded runs by configuration key, in the study's order (missing runs are absent). */
    Map<String, StoredRun> runs() {
        check(Analysis.STORED_RUNS);
        return runs;
    }

    boolean isStored(RunConfig c) {
        return runs.containsKey(c.key());
    }

    /** The model width the runs were trained with (the modulus's default when no run is stored). */
    int dMlp() {
        for (StoredRun r : runs().values()) {
            return r.dMlp();
        }
        return p.dMlp();
    }

    StandardRunAnalysis standard() throws Exception {
        return await(Analysis.STANDARD, StandardRunAnalysis.class);
    }

    double[][] finalLogits() throws Exception {
        return await(Analysis.FINAL_LOGITS, double[][].class);
    }

    GrokkingRunAnalysis grokking() throws Exception {
        return await(Analysis.GROKKING, GrokkingRunAnalysis.class);
    }

    /** The grokking analysis when p has a grokking run in the store, else null (the overview then shows one). */
    GrokkingRunAnalysis storedGrokking() throws Exception {
        check(Analysis.GROKKING);
        return p.supportsGrokking() && isStored(StudyConfigs.GROKKING) ? grokking() : null;
    }

    LotteryTracking lottery() throws Exception {
        return await(Analysis.LOTTERY, LotteryTracking.class);
    }

    SingleFreqRunAnalysis quadSingleFreq() throws Exception {
        return await(Analysis.QUAD_SINGLE_FREQ, SingleFreqRunAnalysis.class);
    }

    SingleFreqRunAnalysis reluSingleFreq() throws Exception {
        return await(Analysis.RELU_SINGLE_FREQ, SingleFreqRunAnalysis.class);
    }

    private void check(Analysis which) {
        if (!visible.contains(which)) {
            throw new IllegalStateException(reader + " reads analysis " + which + " without declaring it");
        }
    }

    private <T> T await(Analysis which, Class<T> type) throws Exception {
        check(which);
        return type.cast(join(futures.get(which)));
    }

    /** The future's value, or the exception that failed it (unwrapped, as the step that threw it saw it). */
    static <T> T join(CompletableFuture<T> f) throws Exception {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private StoredRun run(RunConfig c) throws Exception {
        StoredRun r = runs.get(c.key());
        if (r == null) {
            Exception e = missing.get(c.key());
            throw e != null
                    ? e
                    : new IllegalStateException("run p" + p.padded() + "-" + c.key() + " is not in the store");
        }
        return r;
    }

    private LotteryTracking lotteryTracking() throws Exception {
        StoredRun r = run(StudyConfigs.QUAD_RANDOM);
        LotteryTracking t = LotteryTracking.forFinal(DecodedWeights.of(r.finalWeights()));
        int[] epochs = r.checkpointEpochs();
        int limit = epochs.length == 0 ? -1 : epochs[Math.min(epochs.length, LotteryTracking.MAX_CHECKPOINTS) - 1];
        r.forEachCheckpoint(e -> e <= limit, false, c -> t.add(c.epoch(), DecodedWeights.of(c)));
        if (!t.winnerHadSmallestInitialMisalignment()) {
            LOG.info(
                    "p={}: lottery neuron {}: the final dominant frequency {} is not the one with the smallest "
                            + "initial |D|",
                    p.p(),
                    t.neuron(),
                    t.winnerIndex() + 1);
        }
        return t;
    }
}
