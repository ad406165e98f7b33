package org.modsweep.driver.reduce;

import java.io.Serializable;
import java.util.List;

/**
 * What the reduce task of one modulus produced.
 *
 * @param p        modulus
 * @param report   whether the task wrote the modulus' report (results/p_PPP/)
 * @param files    files the report wrote
 * @param rows     summary rows of the modulus' committed cells
 * @param error    why the report failed, or null
 * @param seconds  task wall time
 */
public record ReduceOutcome(
        int p, boolean report, List<String> files, List<CellSummary> rows, String error, double seconds)
        implements Serializable {}
