package org.modsweep.worker;

/** Hears a training as it runs; called on the training thread, so implementations must be quick. */
@FunctionalInterface
public interface TrainingListener {

    TrainingListener NONE = event -> {};

    void on(TrainingEvent event);
}
