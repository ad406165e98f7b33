package org.modsweep.analysis.report;

import java.util.List;

/** A report step that did not produce its files, and why. */
public record StepFailure(String step, List<String> files, String message) {
    @Override
    public String toString() {
        return step + " (" + String.join(", ", files) + "): " + message;
    }
}
