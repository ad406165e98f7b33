package org.modsweep.analysis;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.report.Artifacts;
import org.modsweep.analysis.report.ReportWriter;
import org.modsweep.analysis.report.StepFailure;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/**
 * Writes every artefact of outputs.md §1 ({@link Artifacts}) for one modulus into {@code results/p_PPP/} from the
 * committed runs in the store (metrics and weights Parquet, split.json, training_log.txt): metadata and training-log
 * JSON, the figures and JSON of each analysis, and the analytical ODE figures. No Spark, no DJL: the driver's reduce
 * stage calls it per complete p, {@code modsweep analyze} calls it for stored runs.
 *
 * <p>Each file is guarded: a failure (a missing run, a broken file) is logged and recorded, and the remaining files
 * are still written, as in the study's generator.
 */
public final class ModulusReport {

    private static final Logger LOG = LogManager.getLogger(ModulusReport.class);

    private ModulusReport() {}

    /**
     * What one report run did.
     *
     * @param written       file names written (with the pPPP_ prefix), in generation order
     * @param failures      steps that failed
     * @param seconds       wall time
     * @param millisPerFile wall time in ms per written file (its producer) and per analysis ("analysis STANDARD")
     */
    public record Outcome(
            Modulus modulus,
            List<String> written,
            List<StepFailure> failures,
            double seconds,
            Map<String, Long> millisPerFile) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** Thrown by {@link #write} when some steps failed (the other files are written). */
    public static final class ReportException extends IOException {
        private final transient Outcome outcome;

        public ReportException(Outcome outcome) {
            super("report for p=" + outcome.modulus().p() + " incomplete: "
                    + outcome.failures().size() + " step(s) failed: " + outcome.failures());
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    /**
     * Writes the report of p on every core and returns the file names written. Throws {@link ReportException}
     * (after writing everything it could) when any step failed.
     */
    public static List<String> write(ResultsStore store, Modulus p) throws IOException {
        return write(store, p, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #write(ResultsStore, Modulus)} on {@code threads} threads (a Spark reduce task passes the CPUs its
     * task was given).
     */
    public static List<String> write(ResultsStore store, Modulus p, int threads) throws IOException {
        Outcome o = generate(store, p, threads);
        if (!o.ok()) {
            throw new ReportException(o);
        }
        return o.written();
    }

    /** Writes the report of p and reports what happened; step failures do not throw. Uses every core. */
    public static Outcome generate(ResultsStore store, Modulus p) {
        return generate(store, p, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #generate(ResultsStore, Modulus)} with a thread count for the analyses and figures (1 =
     * sequential; a Spark reduce task that shares its executor's cores passes its task CPUs).
     */
    public static Outcome generate(ResultsStore store, Modulus p, int threads) {
        long t0 = System.nanoTime();
        ReportWriter.Result r = new ReportWriter(store, p, threads).run();
        double s = (System.nanoTime() - t0) / 1e9;
        Outcome o = new Outcome(p, r.written(), r.failures(), s, java.util.Collections.unmodifiableMap(r.millis()));
        if (o.ok()) {
            LOG.info("p={}: wrote {} files in {} s", p.p(), o.written().size(), String.format("%.1f", s));
        } else {
            LOG.warn(
                    "p={}: wrote {} files in {} s; {} step(s) failed",
                    p.p(),
                    o.written().size(),
                    String.format("%.1f", s),
                    o.failures().size());
        }
        return o;
    }
}
