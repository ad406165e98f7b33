package org.modsweep.core.config;

/** Full-batch optimiser (science.md §4.2). */
public enum OptimizerKind {
    AdamW,
    SGD
}
