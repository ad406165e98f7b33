package org.modsweep.worker;

import org.modsweep.core.Cell;
import org.modsweep.core.run.RunRecord;

/**
 * The result of {@link CellTrainer#train}.
 *
 * @param skipped true when the cell was already committed and not retrained (record is then the stored one)
 * @param record  the committed run.json
 */
public record TrainOutcome(Cell cell, boolean skipped, RunRecord record) {}
