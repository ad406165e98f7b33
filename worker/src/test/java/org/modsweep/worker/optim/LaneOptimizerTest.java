package org.modsweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.modsweep.core.config.OptimizerKind;
import org.modsweep.worker.Engines;
import org.modsweep.worker.model.HostRead;

/**
 * The lanes' engine optimisers (for parameters on a GPU) against the host ones the CPU uses, run here on CPU tensors:
 * every lane with its own rate and weight decay, lanes that freeze part-way, the same float32 results (the host ones
 * are in turn bit for bit the solo run's, see LaneFidelityIT).
 */
class LaneOptimizerTest {

    private static final int LANES = 4;
    private static final int SIZE = 1000;
    private static final double[] LR = {1e-3, 5e-4, 2e-3, 0.1};
    private static final double[] WEIGHT_DECAY = {0, 1.0, 0.5, 2.0};

    @Test
    void laneAdamWOnTheEngineEqualsTheHostOne() {
        compare(
                (m, p) -> new HostAdamW(m, p, 0.9, 0.98, 1e-8, WEIGHT_DECAY),
                (m, p) -> new LaneAdamW(m, p, 0.9, 0.98, 1e-8, WEIGHT_DECAY));
    }

    @Test
    void laneSgdOnTheEngineEqualsTheHostOne() {
        compare((m, p) -> new HostSgd(p, WEIGHT_DECAY), (m, p) -> new LaneSgd(m, p, WEIGHT_DECAY));
        double[] noDecay = new double[LANES];
        compare((m, p) -> new HostSgd(p, noDecay), (m, p) -> new LaneSgd(m, p, noDecay));
    }

    @Test
    void theCpuGetsTheHostOptimisers() {
        try (NDManager m = Engines.newManager(Device.cpu())) {
            NDArray params = m.zeros(new Shape(LANES, SIZE));
            try (LaneOptimizer a = LaneOptimizer.of(OptimizerKind.AdamW, m, params, WEIGHT_DECAY);
                    LaneOptimizer s = LaneOptimizer.of(OptimizerKind.SGD, m, params, WEIGHT_DECAY)) {
                assertInstanceOf(HostAdamW.class, a);
                assertInstanceOf(HostSgd.class, s);
            }
        }
    }

    /** 30 steps of both on the same gradients; lane 1 freezes after step 10, lane 3 after step 20. */
    private static void compare(
            BiFunction<NDManager, NDArray, LaneOptimizer> host, BiFunction<NDManager, NDArray, LaneOptimizer> engine) {
        Random random = new Random(7);
        float[] start = new float[LANES * SIZE];
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) random.nextGaussian() * 0.1f;
        }
        try (NDManager m = Engines.newManager(Device.cpu())) {
            NDArray a = m.create(start, new Shape(LANES, SIZE));
            NDArray b = m.create(start, new Shape(LANES, SIZE));
            float[] frozenLane1 = null;
            float[] frozenLane3 = null;
            try (LaneOptimizer ha = host.apply(m, a);
                    LaneOptimizer eb = engine.apply(m, b)) {
                boolean[] active = {true, true, true, true};
                for (int step = 0; step < 30; step++) {
                    if (step == 10) {
                        active[1] = false;
                        frozenLane1 = lane(HostRead.floats(a), 1);
                    }
                    if (step == 20) {
                        active[3] = false;
                        frozenLane3 = lane(HostRead.floats(a), 3);
                    }
                    float[] g = new float[LANES * SIZE];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = (float) random.nextGaussian() * 0.01f;
                    }
                    double[] lr = LR.clone();
                    lr[2] = LR[2] * Math.min(1, step / 10.0); // a warm-up: a zero rate is still a step
                    try (NDArray grad = m.create(g, new Shape(LANES, SIZE))) {
                        ha.step(grad, lr, active);
                        eb.step(grad, lr, active);
                    }
                }
            }
            float[] x = HostRead.floats(a);
            float[] y = HostRead.floats(b);
            assertArrayEquals(x, y, 0f, "the engine's lanes equal the host's");
            assertNotEquals(Arrays.toString(start), Arrays.toString(x), "the parameters moved");
            assertArrayEquals(frozenLane1, lane(x, 1), 0f, "a frozen lane keeps its parameters");
            assertArrayEquals(frozenLane3, lane(y, 3), 0f, "a frozen lane keeps its parameters");
            assertEquals(LANES * SIZE, y.length);
        }
    }

    private static float[] lane(float[] all, int k) {
        return Arrays.copyOfRange(all, k * SIZE, (k + 1) * SIZE);
    }
}
