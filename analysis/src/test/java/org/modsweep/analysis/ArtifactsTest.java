package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.report.Artifact;
import org.modsweep.analysis.report.Artifacts;
import org.modsweep.analysis.synthetic.PlantedStudy;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/** The artefact registry states the study's generation order, and a report writes its files in exactly that order. */
class ArtifactsTest {

    /** outputs.md §1, "Generation order": metadata → training_log → Tab1..Tab4 → grokking → lottery → gradient
     * dynamics → neuron_spectra → logits_interactive → grokk_epoch_data; then the analytical script. */
    static final List<String> STUDY_ORDER = List.of(
            "metadata.json",
            "training_log.json",
            "overview_loss_ipr.png",
            "overview_phase_scatter.png",
            "overview.json",
            "dft_heatmap_in.png",
            "dft_heatmap_out.png",
            "lineplot_in.png",
            "lineplot_out.png",
            "phase_distribution.png",
            "phase_relationship.png",
            "magnitude_distribution.png",
            "output_logits.png",
            "grokk_loss.json",
            "grokk_loss.png",
            "grokk_acc.json",
            "grokk_acc.png",
            "grokk_abs_phase_diff.png",
            "grokk_avg_ipr.png",
            "grokk_memorization_accuracy.png",
            "grokk_memorization_common_to_rare.png",
            "grokk_decoded_weights_dynamic.png",
            "lottery_mech_magnitude.png",
            "lottery_mech_phase.png",
            "lottery_beta_contour.png",
            "phase_align_quad.png",
            "single_freq_quad.png",
            "phase_align_relu.png",
            "single_freq_relu.png",
            "neuron_spectra.json",
            "logits_interactive.json",
            "grokk_epoch_data.json",
            "phase_align_approx1.png",
            "phase_align_approx2.png");

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void theRegistryStatesTheStudysGenerationOrder() {
        assertEquals(STUDY_ORDER, Artifacts.names(Modulus.of(19)));
        assertEquals(
                STUDY_ORDER.stream().filter(n -> !n.startsWith("grokk_")).toList(), Artifacts.names(Modulus.of(17)));
        assertEquals(34, Artifacts.ALL.size());
        assertEquals(8, Artifacts.ALL.stream().filter(Artifact::isJson).count());
        assertEquals(
                List.of("standard", "grokking"),
                Artifacts.named("overview.json").configurations(Modulus.of(23)));
        assertEquals(List.of("standard"), Artifacts.named("overview.json").configurations(Modulus.of(7)));
        assertEquals(
                List.of("quad_random"),
                Artifacts.named("lottery_mech_phase.png").configurations(Modulus.of(7)));
        assertEquals(List.of(), Artifacts.named("lottery_beta_contour.png").configurations(Modulus.of(7)));
        assertEquals(
                5,
                Artifacts.named("metadata.json").configurations(Modulus.of(19)).size());
        assertEquals(19, Artifacts.named("grokk_epoch_data.json").minP());
    }

    @Test
    void aReportWritesItsFilesInTheRegistrysOrder() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", RecordingFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toUri().toString(), conf);
        Modulus p = Modulus.of(19);
        new PlantedStudy(store, 11).commitAll(p, ModulusReportTest.SHORT);
        RecordingFileSystem.CREATED.clear();
        ModulusReport.Outcome o = ModulusReport.generate(store, p, 2); // files produced in parallel, written in order
        assertTrue(o.ok(), o.failures()::toString);
        List<String> created = new ArrayList<>(RecordingFileSystem.CREATED);
        created.removeIf(n -> !n.startsWith(Artifact.prefix(p)));
        assertEquals(ExpectedFiles.fileNames(p), created, "files created in results/p_019, in order");
        assertEquals(ExpectedFiles.fileNames(p), o.written());
    }

    /** The local file system, noting the name of every file it creates. */
    public static final class RecordingFileSystem extends LocalFileSystem {
        static final List<String> CREATED = Collections.synchronizedList(new ArrayList<>());

        public RecordingFileSystem() {
            super(new RawLocalFileSystem() {
                @Override
                public FSDataOutputStream create(
                        Path f,
                        boolean overwrite,
                        int bufferSize,
                        short replication,
                        long blockSize,
                        Progressable progress)
                        throws IOException {
                    CREATED.add(f.getName());
                    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
                }
            });
        }
    }
}
