package org.modsweep.core.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a run trained as one lane of a batch ({@code run.json}'s {@code lanes}; absent for a run trained alone).
 *
 * @param count the lanes trained together
 * @param batch their run ids, this run's included, in lane order
 */
public record LaneBatch(@JsonProperty("count") int count, @JsonProperty("batch") List<String> batch) {

    public LaneBatch {
        batch = batch == null ? List.of() : List.copyOf(batch);
    }
}
