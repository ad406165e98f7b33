package org.modsweep.analysis.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.lottery.LotteryTracking;
import org.modsweep.core.Errors;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

/**
 * Writes one modulus's report (outputs.md §1): starts every analysis once, produces each {@link Artifacts} file as
 * soon as the analyses it reads are done (on {@code threads} threads; 1 = all on the calling thread), and writes
 * the files in generation order. Every file is guarded: a failure is recorded under its step and the others go on.
 */
public final class ReportWriter {

    private static final Logger LOG = LogManager.getLogger(ReportWriter.class);

    /** What one report did: files written (pPPP_ prefix, generation order), failed steps, ms per file and analysis. */
    public record Result(List<String> written, List<StepFailure> failures, Map<String, Long> millis) {}

    /** A produced file and the wall time its producer took. */
    private record Produced(byte[] bytes, long millis) {}

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private final ResultsStore store;
    private final Modulus p;
    private final int threads;
    private final List<String> written = new ArrayList<>();
    private final List<StepFailure> failures = new ArrayList<>();
    private final Map<String, Long> millis = new LinkedHashMap<>();

    /** @param threads threads for the analyses and figures (1 = sequential, on the calling thread) */
    public ReportWriter(ResultsStore store, Modulus p, int threads) {
        this.store = store;
        this.p = p;
        this.threads = Math.max(1, threads);
    }

    public Result run() {
        try {
            store.fs().mkdirs(store.layout().resultsDir(p));
        } catch (Exception e) {
            failures.add(new StepFailure("results directory", List.of(), message(e)));
            return result();
        }
        ExecutorService pool = threads > 1
                ? Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "report-p" + p.p());
                    t.setDaemon(true);
                    return t;
                })
                : null;
        Executor executor = pool != null ? pool : Runnable::run;
        try {
            ModulusAnalyses analyses = ModulusAnalyses.start(store, p, executor);
            List<Artifact> artifacts = Artifacts.forModulus(p);
            List<CompletableFuture<Produced>> produced = new ArrayList<>();
            for (Artifact a : artifacts) {
                produced.add(analyses.settled(a.needs()).thenApplyAsync(v -> produce(a, analyses), executor));
            }
            for (int i = 0; i < artifacts.size(); i++) {
                Artifact a = artifacts.get(i);
                CompletableFuture<Produced> f = produced.get(i);
                guarded(a.step(), a.fileName(p), () -> {
                    Produced out = ModulusAnalyses.join(f);
                    ResultFiles.write(store, store.layout().resultFile(p, a.name()), out.bytes());
                    written.add(a.fileName(p));
                    millis.put(a.fileName(p), out.millis());
                });
            }
            writeSummaryNumbers(analyses);
            analyses.millis().forEach((which, ms) -> millis.put("analysis " + which, ms));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return result();
    }

    private static Produced produce(Artifact a, ModulusAnalyses analyses) {
        long t0 = System.nanoTime();
        try {
            return new Produced(a.produce(analyses), (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** The numbers for the cross-p summary (outside results/p_PPP, so the study's file set stays exact). */
    private void writeSummaryNumbers(ModulusAnalyses a) {
        org.apache.hadoop.fs.Path path = ModulusSummaryData.path(store, p);
        try {
            StandardRunAnalysis std = a.isStored(StudyConfigs.STANDARD) ? a.standard() : null;
            GrokkingRunAnalysis g = a.storedGrokking();
            LotteryTracking lt = null;
            if (a.isStored(StudyConfigs.QUAD_RANDOM)) {
                try {
                    lt = a.lottery();
                } catch (Exception e) {
                    LOG.debug("p={}: no lottery numbers for the summary", p.p(), e);
                }
            }
            ResultFiles.write(
                    store,
                    path,
                    PyJson.compact(ModulusSummaryData.of(p, std, g, lt)).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            LOG.warn("p={}: summary numbers failed: {}", p.p(), message(e));
            failures.add(new StepFailure("summary numbers", List.of(path.getName()), message(e)));
        }
    }

    private void guarded(String step, String file, Step w) {
        try {
            w.run();
        } catch (Exception | AssertionError | LinkageError e) {
            LOG.warn("p={}: {} failed: {}", p.p(), file, message(e));
            LOG.debug("p={}: {} failure", p.p(), file, e);
            failures.add(new StepFailure(step, List.of(file), message(e)));
        }
    }

    private Result result() {
        return new Result(List.copyOf(written), List.copyOf(failures), new LinkedHashMap<>(millis));
    }

    private static String message(Throwable e) {
        return Errors.typeAndFirstLine(e);
    }
}
