package org.modsweep.analysis.grids;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The phases of a grid point's seeds (grids.md §3): the count of each and the majority. A tie goes to the phase
 * with less progress (confusion, memorization, grokking, comprehension in that order), so a point is never
 * reported as further along than half its seeds got.
 */
public record PhaseCounts(Map<Phase, Integer> counts, Phase majority) {

    public static PhaseCounts of(Collection<Phase> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a grid point needs at least one run");
        }
        Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            counts.put(p, 0);
        }
        phases.forEach(p -> counts.merge(p, 1, Integer::sum));
        Phase majority = null;
        for (Phase p : Phase.values()) {
            if (majority == null || counts.get(p) > counts.get(majority)) {
                majority = p;
            }
        }
        return new PhaseCounts(java.util.Collections.unmodifiableMap(counts), majority);
    }
}
