package org.modsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.synthetic.PlantedStudy;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

class StoredRunTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void logTextIsTrainingLogTxtVerbatimWithItsFinalNewline() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("s").toString());
        Cell cell = new PlantedStudy(store, 3).commit(new Cell(Modulus.of(5), StudyConfigs.STANDARD), 401);
        String text = "=".repeat(70) + "\nTraining Log: p=5, run=standard\n\nTotal epochs trained: 401\n";
        store.writeString(store.layout().trainingLog(cell), text);

        StoredRun run = StoredRun.load(store, cell);
        assertEquals(text, run.trainingLogText());
        Map<String, StoredRun> runs = new LinkedHashMap<>();
        runs.put("standard", run);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>)
                ReportJson.trainingLog(Modulus.of(5), runs).get("standard");
        assertEquals(text, entry.get("log_text"));
        assertTrue(PyJson.compact(entry).contains("\\nTotal epochs trained: 401\\n\""));
    }

    @Test
    void anUnreadableRunConfigFailsInsteadOfDroppingTheEpochCap() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("s").toString());
        Cell cell = new PlantedStudy(store, 3).commit(new Cell(Modulus.of(5), StudyConfigs.STANDARD), 401);
        assertEquals(
                cell.config().numEpochs(), StoredRun.load(store, cell).config().numEpochs());
        String json = store.readString(store.layout().runJson(cell));
        assertTrue(json.contains("\"act_type\""), json);
        store.writeString(store.layout().runJson(cell), json.replace("\"act_type\"", "\"activation\""));

        IOException e = assertThrows(IOException.class, () -> StoredRun.load(store, cell));
        assertTrue(e.getMessage().startsWith("run p005-standard: run.json has an unreadable config"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch cap"), e.getMessage());
    }
}
