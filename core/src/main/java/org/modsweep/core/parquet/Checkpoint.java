package org.modsweep.core.parquet;

/**
 * The weights of one run at one point: {@code epoch} e with {@code isFinal = false} is the reference's
 * {@code {e}.pth} (weights after epoch e's update); {@code isFinal = true} is {@code final.pth}, the weights after
 * the last executed epoch, whose index is {@code epoch}.
 *
 * @param wIn  W_in [d_mlp, p]: row m is the input weight vector of neuron m
 * @param wOut W_out [p, d_mlp]: column m is the output weight vector of neuron m
 */
public record Checkpoint(int epoch, boolean isFinal, WeightTensor wIn, WeightTensor wOut) {}
