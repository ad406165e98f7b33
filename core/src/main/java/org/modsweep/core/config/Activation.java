package org.modsweep.core.config;

/** Element-wise activation of the hidden layer (science.md §2.2); names as the reference prints them. */
public enum Activation {
    ReLU,
    Quad,
    GeLU,
    Id
}
