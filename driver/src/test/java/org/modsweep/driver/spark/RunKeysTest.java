package org.modsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Cell;
import org.modsweep.core.config.Overrides;

/** Runs reach their training task whole, also those whose id carries a hash of their overrides. */
class RunKeysTest {

    @Test
    void everyRunRoundTripsHashedIdsToo() {
        Cell study = Cell.of(23, "grokking");
        Cell seeded = Cell.of(23, "grokking", Overrides.parse(List.of("seed=7", "weight_decay=0.5")));
        Cell hashed = Cell.of(
                23,
                "standard",
                Overrides.parse(List.of(
                        "seed=4294967295",
                        "lr=0.000316227766017",
                        "weight_decay=0.316227766017",
                        "frac_train=0.316227766017",
                        "init_scale=0.0316227766017",
                        "d_mlp=100000",
                        "num_epochs=123456",
                        "act_type=Quad",
                        "optimizer=SGD",
                        "init_type=single-freq")));
        assertTrue(hashed.id().matches("p023-standard-h[0-9a-f]{12}"), hashed.id());
        assertThrows(IllegalArgumentException.class, () -> Cell.parse(hashed.id()), "an id alone is not enough");
        for (Cell c : List.of(study, seeded, hashed)) {
            String key = RunKeys.of(c);
            assertEquals(c, RunKeys.parse(key));
            assertEquals(c.id(), RunKeys.id(key));
        }
        assertEquals("p023-grokking-seed7-weight_decay0.5\t23\tgrokking\tseed=7\tweight_decay=0.5", RunKeys.of(seeded));
        assertEquals(seeded, RunKeys.parse(seeded.id()), "a bare id still parses");
    }
}
