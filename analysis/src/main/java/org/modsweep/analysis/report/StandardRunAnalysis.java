package org.modsweep.analysis.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.Ipr;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.analysis.model.TwoLayerNet;
import org.modsweep.analysis.neurons.NeuronSelection;
import org.modsweep.core.parquet.Checkpoint;

/** Everything Tabs 1–4 need from the {@code standard} run, gathered in one streaming pass over its weights. */
final class StandardRunAnalysis {

    final StoredRun run;
    final int[] epochs;
    final double[] ipr;
    /** Neurons per dominant frequency (index 0 = DC) at every checkpoint. */
    final int[][] census;
    /** Phases at the last numbered checkpoint (Tab 1 scatter). */
    NeuronPhases lastCheckpointPhases;
    Checkpoint finalWeights;
    DecodedWeights finalDecoded;
    NeuronPhases finalPhases;
    /** Round-robin selection (selection order) and its frequency-sorted order. */
    int[] selected;
    int[] sortedByFreq;

    private StandardRunAnalysis(StoredRun run) {
        this.run = run;
        this.epochs = run.checkpointEpochs();
        this.ipr = new double[epochs.length];
        this.census = new int[epochs.length][];
    }

    static StandardRunAnalysis of(StoredRun run) throws IOException {
        StandardRunAnalysis a = new StandardRunAnalysis(run);
        int lastEpoch = a.epochs.length == 0 ? Integer.MIN_VALUE : a.epochs[a.epochs.length - 1];
        List<Checkpoint> finals = new ArrayList<>();
        int[] i = {0};
        run.forEachCheckpoint(e -> true, true, c -> {
            if (c.isFinal()) {
                finals.add(c);
                return;
            }
            DecodedWeights d = DecodedWeights.of(c);
            a.census[i[0]] = FrequencyCensus.count(d);
            a.ipr[i[0]++] = Ipr.average(d);
            if (c.epoch() == lastEpoch) {
                a.lastCheckpointPhases = NeuronPhases.of(d);
                if (finals.isEmpty()) {
                    finals.add(c); // provisional final: replaced when final weights follow
                }
            }
        });
        a.finalWeights = finals.get(finals.size() - 1);
        a.finalDecoded = DecodedWeights.of(a.finalWeights);
        a.finalPhases = NeuronPhases.of(a.finalDecoded);
        a.selected = NeuronSelection.roundRobin(a.finalDecoded, a.finalPhases.freq());
        a.sortedByFreq = NeuronSelection.sortByFrequency(a.selected, a.finalPhases.freq());
        return a;
    }

    TwoLayerNet finalNet() {
        return new TwoLayerNet(finalWeights, run.config().act());
    }
}
