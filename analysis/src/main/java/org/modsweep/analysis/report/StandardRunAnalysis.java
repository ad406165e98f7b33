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

/**
 * Everything the overview, Fourier-weight, phase and logit files need from the {@code standard} run, gathered in one
 * streaming pass over its weights.
 *
 * @param ipr                  Avg. IPR per numbered checkpoint
 * @param census               neurons per dominant frequency (index 0 = DC) at every numbered checkpoint
 * @param lastCheckpointPhases phases at the last numbered checkpoint (the overview scatter); null without one
 * @param selected             the round-robin neuron selection, in selection order
 * @param sortedByFreq         the selection sorted by frequency
 */
record StandardRunAnalysis(
        StoredRun run,
        int[] epochs,
        double[] ipr,
        int[][] census,
        NeuronPhases lastCheckpointPhases,
        Checkpoint finalWeights,
        DecodedWeights finalDecoded,
        NeuronPhases finalPhases,
        int[] selected,
        int[] sortedByFreq) {

    static StandardRunAnalysis of(StoredRun run) throws IOException {
        int[] epochs = run.checkpointEpochs();
        double[] ipr = new double[epochs.length];
        int[][] census = new int[epochs.length][];
        NeuronPhases[] lastPhases = {null};
        int lastEpoch = epochs.length == 0 ? Integer.MIN_VALUE : epochs[epochs.length - 1];
        List<Checkpoint> finals = new ArrayList<>();
        int[] i = {0};
        run.forEachCheckpoint(e -> true, true, c -> {
            if (c.isFinal()) {
                finals.add(c);
                return;
            }
            DecodedWeights d = DecodedWeights.of(c);
            census[i[0]] = FrequencyCensus.count(d);
            ipr[i[0]++] = Ipr.average(d);
            if (c.epoch() == lastEpoch) {
                lastPhases[0] = NeuronPhases.of(d);
                if (finals.isEmpty()) {
                    finals.add(c); // provisional final: replaced when final weights follow
                }
            }
        });
        Checkpoint finalWeights = finals.get(finals.size() - 1);
        DecodedWeights finalDecoded = DecodedWeights.of(finalWeights);
        NeuronPhases finalPhases = NeuronPhases.of(finalDecoded);
        int[] selected = NeuronSelection.roundRobin(finalDecoded, finalPhases.freq());
        int[] sortedByFreq = NeuronSelection.sortByFrequency(selected, finalPhases.freq());
        return new StandardRunAnalysis(
                run,
                epochs,
                ipr,
                census,
                lastPhases[0],
                finalWeights,
                finalDecoded,
                finalPhases,
                selected,
                sortedByFreq);
    }

    /** The phases the overview scatter shows: the last numbered checkpoint's, else the final weights'. */
    NeuronPhases overviewPhases() {
        return lastCheckpointPhases != null ? lastCheckpointPhases : finalPhases;
    }

    TwoLayerNet finalNet() {
        return new TwoLayerNet(finalWeights, run.config().act());
    }
}
