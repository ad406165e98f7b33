package org.modsweep.worker.init;

/**
 * The weights a run starts from, row-major float32 in the reference's shapes, plus how far the initialisation
 * advanced torch's CPU generator (the data split draws after it, science.md §4.4).
 *
 * @param wIn         W_in [d_mlp, p]
 * @param wOut        W_out [p, d_mlp]
 * @param torchDraws  32-bit outputs the initialisation consumed from torch's MT19937 stream
 */
public record InitialWeights(int p, int dMlp, float[] wIn, float[] wOut, long torchDraws) {}
