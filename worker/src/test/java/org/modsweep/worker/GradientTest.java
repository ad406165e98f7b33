package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modsweep.core.config.Activation;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.init.Initializer;
import org.modsweep.worker.init.SeedLock;
import org.modsweep.worker.model.EmbedMlp;
import org.modsweep.worker.model.PairData;
import org.modsweep.worker.train.DataSplit;

/** The hand-written gradient equals DJL autograd's through the reference's forward pass (one-hot matmuls). */
class GradientTest {

    @ParameterizedTest
    @ValueSource(strings = {"ReLU", "Quad"})
    void analyticGradientMatchesAutograd(String activation) {
        Activation act = Activation.valueOf(activation);
        int p = 7;
        int dMlp = 512;
        try (NDManager m = Engines.newManager(Device.cpu())) {
            InitialWeights init;
            SeedLock.LOCK.lock();
            try {
                init = Initializer.draw(StudyConfigs.STANDARD, p, dMlp);
            } finally {
                SeedLock.LOCK.unlock();
            }
            int[] pairs = new int[p * p - 10]; // training pairs: a proper subset, in a scrambled order
            int[] rest = new int[10];
            for (int i = 0; i < p * p; i++) {
                int n = (i * 17 + 3) % (p * p);
                if (i < pairs.length) {
                    pairs[i] = n;
                } else {
                    rest[i - pairs.length] = n;
                }
            }
            float[] analytic;
            float lossAnalytic;
            try (EmbedMlp model = new EmbedMlp(m, act, init);
                    PairData data = new PairData(m, p, new DataSplit(pairs, rest, false))) {
                EmbedMlp.Forward f = model.forward();
                lossAnalytic = -model.evaluate(f, data).negTrainLoss().getFloat();
                EmbedMlp.Gradient g = model.gradient(f, data);
                analytic = g.flat().toFloatArray();
            }

            // autograd through the reference's formulation: embed = onehot(a) + onehot(b); h = embed @ W_inᵀ
            NDArray wIn = m.create(init.wIn(), new Shape(dMlp, p));
            NDArray wOut = m.create(init.wOut(), new Shape(p, dMlp));
            wIn.setRequiresGradient(true);
            wOut.setRequiresGradient(true);
            float[] onehot = new float[pairs.length * p];
            long[] labels = new long[pairs.length];
            for (int i = 0; i < pairs.length; i++) {
                int a = pairs[i] / p;
                int b = pairs[i] % p;
                onehot[i * p + a] += 1;
                onehot[i * p + b] += 1;
                labels[i] = (a + b) % p;
            }
            NDArray embed = m.create(onehot, new Shape(pairs.length, p));
            NDArray y = m.create(labels).reshape(pairs.length, 1);
            float lossAuto;
            try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                NDArray h = embed.matMul(wIn.transpose());
                NDArray post = act == Activation.ReLU ? h.getNDArrayInternal().relu() : h.square();
                NDArray logits = post.matMul(wOut.transpose());
                NDArray loss = logits.logSoftmax(1).gather(y, 1).mean().neg();
                lossAuto = loss.getFloat();
                gc.backward(loss);
            }
            float[] auto = wIn.getGradient()
                    .reshape(-1)
                    .concat(wOut.getGradient().reshape(-1))
                    .toFloatArray();
            assertEquals(lossAuto, lossAnalytic, 1e-6f * lossAuto, "loss");
            assertEquals(auto.length, analytic.length);
            double maxAbs = 0;
            double maxDiff = 0;
            for (int i = 0; i < auto.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(auto[i]));
                maxDiff = Math.max(maxDiff, Math.abs(auto[i] - analytic[i]));
            }
            assertTrue(maxAbs > 0);
            assertTrue(maxDiff <= 1e-6 * maxAbs, "max |autograd − analytic| = " + maxDiff + " vs max |g| " + maxAbs);
            assertEquals(DataType.FLOAT32, wIn.getGradient().getDataType());
        }
    }
}
