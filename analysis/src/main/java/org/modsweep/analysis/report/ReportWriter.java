package org.modsweep.analysis.report;

import org.modsweep.core.Errors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.ModulusReport;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.grokking.TrainingSplit;
import org.modsweep.analysis.lottery.LotteryContour;
import org.modsweep.analysis.lottery.LotteryTracking;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.simulation.DecoupledOde;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

/**
 * The generation sequence of one modulus (outputs.md §1): loads the committed runs, runs each analysis once
 * (streaming the weights), and writes each file in the study's order. Every step is guarded; failures are collected.
 */
public final class ReportWriter {

    private static final Logger LOG = LogManager.getLogger(ReportWriter.class);

    private final ResultsStore store;
    private final Modulus p;
    private final List<String> written = new ArrayList<>();
    private final List<ModulusReport.Failure> failures = new ArrayList<>();
    private final Map<String, StoredRun> runs = new LinkedHashMap<>();
    private final Map<String, Exception> missing = new LinkedHashMap<>();
    private final Map<String, Long> millis = new LinkedHashMap<>();

    private final int threads;
    /** Files in generation order, produced (possibly in parallel) before they are written in order. */
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(String step, String name, Step<byte[]> producer) {
    }

    public ReportWriter(ResultsStore store, Modulus p) {
        this(store, p, 1);
    }

    /** @param threads analyses and figures rendered by this many threads (1 = sequential) */
    public ReportWriter(ResultsStore store, Modulus p, int threads) {
        this.store = store;
        this.p = p;
        this.threads = Math.max(1, threads);
    }

    /** Wall time per written file in ms (the analysis it first needed included), in generation order. */
    public Map<String, Long> millis() {
        return millis;
    }

    public List<String> written() {
        return written;
    }

    public List<ModulusReport.Failure> failures() {
        return failures;
    }

    @FunctionalInterface
    private interface Step<T> {
        T get() throws Exception;
    }

    @FunctionalInterface
    private interface Writes {
        void run() throws Exception;
    }

    /** Memoised analysis whose failure is remembered and reported by each dependent file. */
    private static final class Lazy<T> {
        private final Step<T> step;
        private T value;
        private Exception error;
        private boolean done;

        Lazy(Step<T> step) {
            this.step = step;
        }

        synchronized T get() throws Exception {
            if (!done) {
                done = true;
                try {
                    value = step.get();
                } catch (Exception e) {
                    error = e;
                }
            }
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    private StoredRun run(String key) throws Exception {
        StoredRun r = runs.get(key);
        if (r == null) {
            Exception e = missing.get(key);
            throw e != null ? e : new IllegalStateException("run p" + p.padded() + "-" + key + " is not in the store");
        }
        return r;
    }

    public void run() {
        try {
            store.fs().mkdirs(store.layout().resultsDir(p));
        } catch (Exception e) {
            failures.add(new ModulusReport.Failure("results directory", List.of(), message(e)));
            return;
        }
        for (RunConfig c : StudyConfigs.forModulus(p)) {
            try {
                runs.put(c.key(), StoredRun.load(store, new Cell(p, c)));
            } catch (Exception e) {
                missing.put(c.key(), e);
            }
        }
        Lazy<StandardRunAnalysis> standard = new Lazy<>(() -> StandardRunAnalysis.of(run("standard")));
        Lazy<GrokkingRunAnalysis> grokking = new Lazy<>(() -> GrokkingRunAnalysis.of(run("grokking")));
        Lazy<double[][]> finalLogits = new Lazy<>(() -> standard.get().finalNet().allLogits());
        Lazy<LotteryTracking> lottery = new Lazy<>(this::lotteryTracking);
        Lazy<SingleFreqRunAnalysis> quadSf = new Lazy<>(() -> SingleFreqRunAnalysis.of(run("quad_single_freq"), 14));
        Lazy<SingleFreqRunAnalysis> reluSf = new Lazy<>(() -> SingleFreqRunAnalysis.of(run("relu_single_freq"), 4));
        boolean grok = p.supportsGrokking();

        json("metadata", "metadata.json", true, () -> ReportJson.metadata(p, dMlp(), runs));
        json("training log", "training_log.json", false, () -> ReportJson.trainingLog(p, runs));

        // Tab 1
        png("overview", "overview_loss_ipr.png", () -> {
            StandardRunAnalysis s = standard.get();
            double[] stdLoss = lossSample(s.run, s.epochs, true);
            if (grok && runs.containsKey("grokking")) {
                GrokkingRunAnalysis g = grokking.get();
                return Tab1Figures.overviewLossIpr(dbl(s.epochs), stdLoss, s.ipr, dbl(g.epochs),
                        lossSample(g.run, g.epochs, true), lossSample(g.run, g.epochs, false), g.ipr);
            }
            return Tab1Figures.overviewLossIpr(dbl(s.epochs), stdLoss, s.ipr, null, null, null, null);
        });
        png("overview", "overview_phase_scatter.png", () -> Tab1Figures.phaseScatter(
                standard.get().lastCheckpointPhases != null ? standard.get().lastCheckpointPhases
                        : standard.get().finalPhases, true));
        json("overview", "overview.json", false, () -> {
            StandardRunAnalysis s = standard.get();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("std_epochs", s.epochs);
            m.put("std_ipr", f32(s.ipr));
            if (s.run.curves().epochs() > 0) {
                m.put("std_train_loss", lossSample(s.run, s.epochs, true));
            }
            if (grok && runs.containsKey("grokking")) {
                GrokkingRunAnalysis g = grokking.get();
                m.put("grokk_epochs", g.epochs);
                m.put("grokk_ipr", f32(g.ipr));
                m.put("grokk_train_loss", lossSample(g.run, g.epochs, true));
                m.put("grokk_test_loss", lossSample(g.run, g.epochs, false));
            }
            return m;
        });

        // Tab 2
        png("fourier weights", "dft_heatmap_in.png",
                () -> Tab2to4Figures.dftHeatmap(standard.get().finalDecoded, standard.get().sortedByFreq, true));
        png("fourier weights", "dft_heatmap_out.png",
                () -> Tab2to4Figures.dftHeatmap(standard.get().finalDecoded, standard.get().sortedByFreq, false));
        png("fourier weights", "lineplot_in.png",
                () -> Tab2to4Figures.lineplot(standard.get().finalWeights, standard.get().sortedByFreq, true));
        png("fourier weights", "lineplot_out.png",
                () -> Tab2to4Figures.lineplot(standard.get().finalWeights, standard.get().sortedByFreq, false));
        // Tab 3
        png("phase analysis", "phase_distribution.png", () -> Tab2to4Figures.phaseDistribution(standard.get().finalPhases));
        png("phase analysis", "phase_relationship.png", () -> Tab1Figures.phaseScatter(standard.get().finalPhases, false));
        png("phase analysis", "magnitude_distribution.png",
                () -> Tab2to4Figures.magnitudeDistribution(standard.get().finalPhases));
        // Tab 4
        png("output logits", "output_logits.png", () -> Tab2to4Figures.outputLogits(finalLogits.get(), p.p()));

        // Tab 6 (grokking), in the study's order: after Tab 4, before the lottery
        if (grok) {
            json("grokking", "grokk_loss.json", false, () -> {
                GrokkingRunAnalysis g = grokking.get();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("train_losses", g.run.curves().trainLoss());
                m.put("test_losses", g.run.curves().testLoss());
                m.put("stage1_end", g.stages.stage1End());
                m.put("stage2_end", g.stages.stage2End());
                return m;
            });
            png("grokking", "grokk_loss.png", () -> GrokkingFigures.loss(grokking.get().run.curves().trainLoss(),
                    grokking.get().run.curves().testLoss(), grokking.get().stages));
            json("grokking", "grokk_acc.json", false, () -> {
                GrokkingRunAnalysis g = grokking.get();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epochs", g.epochs);
                m.put("train_accs", g.trainAcc);
                m.put("test_accs", g.testAcc);
                m.put("stage1_end", g.stages.stage1End());
                m.put("stage2_end", g.stages.stage2End());
                return m;
            });
            png("grokking", "grokk_acc.png", () -> GrokkingFigures.accuracy(grokking.get().epochs,
                    grokking.get().trainAcc, grokking.get().testAcc, grokking.get().stages));
            png("grokking", "grokk_abs_phase_diff.png", () -> GrokkingFigures.absPhaseDiff(grokking.get().epochs,
                    grokking.get().meanAbsSinD, grokking.get().stages));
            png("grokking", "grokk_avg_ipr.png", () -> {
                GrokkingRunAnalysis g = grokking.get();
                double[] pn = Curves.sample(g.run.curves().paramNorm(), 200, g.epochs.length);
                return GrokkingFigures.avgIpr(g.epochs, g.ipr, pn, g.stages);
            });
            png("grokking", "grokk_memorization_accuracy.png", () -> {
                GrokkingRunAnalysis g = grokking.get();
                TrainingSplit split = requireSplit(g);
                return GrokkingFigures.memorisationAccuracy(split.symmetryMask(),
                        g.accuracyGrids.get(g.memorisationEpoch), g.memorisationSoftmax, split.trueTestPoints());
            });
            png("grokking", "grokk_memorization_common_to_rare.png", () -> {
                GrokkingRunAnalysis g = grokking.get();
                TrainingSplit split = requireSplit(g);
                List<double[][]> grids = new ArrayList<>();
                for (int e : g.commonToRareEpochs) {
                    grids.add(g.accuracyGrids.get(e));
                }
                return GrokkingFigures.commonToRare(split.commonRareMask(), g.commonToRareEpochs, grids,
                        split.asymmetricTrainPairs());
            });
            png("grokking", "grokk_decoded_weights_dynamic.png", () -> {
                GrokkingRunAnalysis g = grokking.get();
                List<DecodedWeights> d = new ArrayList<>();
                for (int e : g.keyEpochs) {
                    d.add(g.keyDecoded.get(e));
                }
                return GrokkingFigures.decodedAcrossEpochs(g.keyEpochs, d, 0.85);
            });
        }

        // Tab 5 (lottery)
        png("lottery", "lottery_mech_magnitude.png", () -> LotteryFigures.mechanism(lottery.get(), true));
        png("lottery", "lottery_mech_phase.png", () -> LotteryFigures.mechanism(lottery.get(), false));
        png("lottery", "lottery_beta_contour.png", () -> LotteryFigures.contour(LotteryContour.simulate(p.p())));

        // Tab 7 (gradient dynamics)
        png("gradient dynamics", "phase_align_quad.png",
                () -> DynamicsFigures.phaseAlign(quadSf.get().trajectory, 8));
        png("gradient dynamics", "single_freq_quad.png", () -> snapshots(quadSf.get()));
        png("gradient dynamics", "phase_align_relu.png",
                () -> DynamicsFigures.phaseAlign(reluSf.get().trajectory, 5));
        png("gradient dynamics", "single_freq_relu.png", () -> snapshots(reluSf.get()));

        // interactive data
        json("neuron spectra", "neuron_spectra.json", false, () -> ReportJson.neuronSpectra(
                standard.get().finalDecoded, standard.get().selected, standard.get().finalPhases.freq()));
        json("logits", "logits_interactive.json", false,
                () -> ReportJson.logitsInteractive(finalLogits.get(), p.p()));
        if (grok) {
            json("grokking", "grokk_epoch_data.json", false, () -> {
                GrokkingRunAnalysis g = grokking.get();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("prime", p.p());
                m.put("epochs", g.sliderEpochs);
                List<Object> grids = new ArrayList<>();
                for (int e : g.sliderEpochs) {
                    grids.add(g.accuracyGrids.get(e));
                }
                m.put("grids", grids);
                return m;
            });
        }

        // Tab 8: the analytical script
        png("analytical", "phase_align_approx1.png",
                () -> DynamicsFigures.analytical(DecoupledOde.simulate(p.p(), DecoupledOde.Case.ONE), true));
        png("analytical", "phase_align_approx2.png",
                () -> DynamicsFigures.analytical(DecoupledOde.simulate(p.p(), DecoupledOde.Case.TWO), false));

        produceAndWrite(List.of(grokking, standard, lottery, quadSf, reluSf));

        // numbers for the cross-p summary (outside results/p_PPP, so the study's file set stays exact)
        try {
            StandardRunAnalysis std = runs.containsKey("standard") ? standard.get() : null;
            GrokkingRunAnalysis g = grok && runs.containsKey("grokking") ? grokking.get() : null;
            LotteryTracking lt = null;
            if (runs.containsKey("quad_random")) {
                try {
                    lt = lottery.get();
                } catch (Exception e) {
                    LOG.debug("p={}: no lottery numbers for the summary", p.p(), e);
                }
            }
            ResultFiles.write(store, ModulusSummaryData.path(store, p),
                    PyJson.compact(ModulusSummaryData.of(p, std, g, lt)).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            LOG.warn("p={}: summary numbers failed: {}", p.p(), message(e));
            failures.add(new ModulusReport.Failure("summary numbers", List.of(ModulusSummaryData.path(store, p)
                    .getName()), message(e)));
        }
    }

    private LotteryTracking lotteryTracking() throws Exception {
        StoredRun r = run("quad_random");
        LotteryTracking t = LotteryTracking.forFinal(DecodedWeights.of(r.finalWeights()));
        int[] epochs = r.checkpointEpochs();
        int limit = epochs.length == 0 ? -1 : epochs[Math.min(epochs.length, LotteryTracking.MAX_CHECKPOINTS) - 1];
        r.forEachCheckpoint(e -> e <= limit, false, c -> t.add(c.epoch(), DecodedWeights.of(c)));
        if (!t.winnerHadSmallestInitialMisalignment()) {
            LOG.info("p={}: lottery neuron {}: the final dominant frequency {} is not the one with the smallest "
                    + "initial |D|", p.p(), t.neuron(), t.winnerIndex() + 1);
        }
        return t;
    }

    private static Figure snapshots(SingleFreqRunAnalysis a) {
        List<DecodedWeights> d = new ArrayList<>();
        for (int e : a.snapshotEpochs) {
            d.add(a.snapshots.get(e));
        }
        return GrokkingFigures.decodedAcrossEpochs(a.snapshotEpochs, d, 1.0);
    }

    private static TrainingSplit requireSplit(GrokkingRunAnalysis g) {
        if (g.split == null) {
            throw new IllegalStateException("run " + g.run.cell().id() + " has no split.json");
        }
        return g.split;
    }

    private int dMlp() {
        for (StoredRun r : runs.values()) {
            return r.dMlp();
        }
        return p.dMlp();
    }

    /** train/test losses sampled at the checkpoint spacing: losses[0::step][:n]. */
    private static double[] lossSample(StoredRun r, int[] epochs, boolean train) {
        int step = epochs.length > 1 ? epochs[1] - epochs[0] : 200;
        double[] xs = train ? r.curves().trainLoss() : r.curves().testLoss();
        return Curves.sample(xs, step, epochs.length);
    }

    private static double[] dbl(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] f32(double[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = PyJson.f32(v[i]);
        }
        return d;
    }

    private void json(String step, String name, boolean indent, Step<Object> doc) {
        pending.add(new Pending(step, name, () -> {
            Object o = doc.get();
            return (indent ? PyJson.indented(o) : PyJson.compact(o)).getBytes(StandardCharsets.UTF_8);
        }));
    }

    private void png(String step, String name, Step<Figure> fig) {
        pending.add(new Pending(step, name, () -> fig.get().png()));
    }

    /** Produces every pending file (in parallel when threads &gt; 1) and writes them in generation order. */
    private void produceAndWrite(List<Lazy<?>> warmUp) {
        java.util.concurrent.ExecutorService pool = threads > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "report-p" + p.p());
                    t.setDaemon(true);
                    return t;
                })
                : null;
        try {
            List<java.util.concurrent.Future<byte[]>> futures = new ArrayList<>();
            long[] took = new long[pending.size()];
            if (pool != null) {
                for (Lazy<?> l : warmUp) {
                    pool.submit(() -> {
                        try {
                            l.get();
                        } catch (Exception e) {
                            // remembered by the Lazy and reported by each file that needs it
                        }
                    });
                }
            }
            for (int i = 0; i < pending.size(); i++) {
                Pending pd = pending.get(i);
                final int idx = i;
                java.util.concurrent.Callable<byte[]> c = () -> {
                    long t0 = System.nanoTime();
                    try {
                        return pd.producer().get();
                    } finally {
                        took[idx] = (System.nanoTime() - t0) / 1_000_000;
                    }
                };
                if (pool != null) {
                    futures.add(pool.submit(c));
                } else {
                    java.util.concurrent.FutureTask<byte[]> ft = new java.util.concurrent.FutureTask<>(c);
                    futures.add(ft);
                }
            }
            for (int i = 0; i < pending.size(); i++) {
                Pending pd = pending.get(i);
                java.util.concurrent.Future<byte[]> fu = futures.get(i);
                final int idx = i;
                guarded(pd.step(), pd.name(), () -> {
                    if (fu instanceof java.util.concurrent.FutureTask<byte[]> ft && pool == null) {
                        ft.run();
                    }
                    byte[] bytes;
                    try {
                        bytes = fu.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable c = e.getCause();
                        if (c instanceof Exception ex) {
                            throw ex;
                        }
                        if (c instanceof Error err) {
                            throw err;
                        }
                        throw e;
                    }
                    put(pd.name(), bytes);
                    millis.put(prefixed(pd.name()), took[idx]);
                });
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private void guarded(String step, String name, Writes w) {
        try {
            w.run();
        } catch (Exception | AssertionError | LinkageError e) {
            String file = prefixed(name);
            LOG.warn("p={}: {} failed: {}", p.p(), file, message(e));
            LOG.debug("p={}: {} failure", p.p(), file, e);
            failures.add(new ModulusReport.Failure(step, List.of(file), message(e)));
        }
    }

    private String prefixed(String name) {
        return "p" + p.padded() + "_" + name;
    }

    private void put(String name, byte[] bytes) throws java.io.IOException {
        ResultFiles.write(store, store.layout().resultFile(p, name), bytes);
        written.add(prefixed(name));
    }

    private static String message(Throwable e) {
        return Errors.typeAndFirstLine(e);
    }
}
