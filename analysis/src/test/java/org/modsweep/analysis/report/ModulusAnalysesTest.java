package org.modsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

class ModulusAnalysesTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void aFileSeesOnlyTheAnalysesItDeclaresAndEachFailureAsItWasThrown() throws Exception {
        ResultsStore empty = ResultsStore.open(tmp.toString());
        ModulusAnalyses all = ModulusAnalyses.start(empty, Modulus.of(5), Runnable::run);

        ModulusAnalyses contour = all.limitedTo(Artifacts.named("lottery_beta_contour.png"));
        IllegalStateException undeclared = assertThrows(IllegalStateException.class, contour::standard);
        assertEquals("lottery_beta_contour.png reads analysis STANDARD without declaring it", undeclared.getMessage());

        // the standard run is not committed: every file that reads it gets the loader's own exception, unwrapped
        ModulusAnalyses heatmap = all.limitedTo(Artifacts.named("dft_heatmap_in.png"));
        FileNotFoundException missing = assertThrows(FileNotFoundException.class, heatmap::standard);
        assertTrue(missing.getMessage().contains("p005-standard is not committed"), missing::getMessage);
        ModulusAnalyses logits = all.limitedTo(Artifacts.named("output_logits.png"));
        assertEquals(missing, assertThrows(FileNotFoundException.class, logits::finalLogits));
    }
}
