package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json, as Helm enforces it on `helm install/template -f`: bad sweeps never reach the cluster. */
class ValuesSchemaIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "even p              | sweep: {p: [15, 24]}                  | /sweep/p/1",
                "p below 3           | sweep: {p: [1]}                       | /sweep/p/0",
                "p not a number      | sweep: {p: [fifteen]}                 | /sweep/p/0",
                "no p at all         | sweep: {p: []}                        | /sweep/p",
                "unknown config      | sweep: {configs: [standard, relu]}    | /sweep/configs/1",
                "unknown launcher    | sweep: {launcher: spark}              | /sweep/launcher",
                "misspelt key        | sweep: {executors: {instances: 2}}    | executors",
                "fractional tasks    | sweep: {executor: {gpu: {tasksPerGpu: 0}}} | /sweep/executor/gpu/tasksPerGpu",
                "store without URI   | store: {uri: results}                 | /store/uri",
                "key in hadoopConf   | 'store: {hadoopConf: {fs.s3a.secret.key: abc}}' | propertyName 'fs.s3a.secret.key'",
                "unknown --set key   | 'sweep: {set: [bogus=1]}'          | /sweep/set/0",
                "--set without value | 'sweep: {set: [seed]}'                 | /sweep/set/0",
                "seed of 2^32        | 'sweep: {set: [seed=4294967296]}'  | /sweep/set/0",
                "negative seed       | 'sweep: {set: [seed=-1]}'          | /sweep/set/0",
                "lr of 0             | 'sweep: {set: [lr=0.0]}'           | /sweep/set/0",
                "negative decay      | 'sweep: {set: [weight_decay=-1]}'  | /sweep/set/0",
                "fraction above 1    | 'sweep: {set: [frac_train=1.5]}'   | /sweep/set/0",
                "fraction 0          | 'sweep: {set: [frac_train=0]}'     | /sweep/set/0",
                "d_mlp of 0          | 'sweep: {set: [d_mlp=0]}'          | /sweep/set/0",
                "unknown activation  | 'sweep: {set: [act_type=GeLU]}'    | /sweep/set/0",
                "unknown grid key    | 'sweep: {grid: seed=1;bogus=2}'    | /sweep/grid",
                "grid axis no values | 'sweep: {grid: seed=}'             | /sweep/grid",
                "grid and grid file  | 'sweep: {grid: seed=1, gridFile: {configMap: g}}' | /sweep",
                "bad grid name       | 'sweep: {gridName: My Grid}'          | /sweep/gridName",
                "negative refine     | 'sweep: {refine: -1}'                 | /sweep/refine",
                "bad ConfigMap name  | 'sweep: {gridFile: {configMap: My_Grid}}' | /sweep/gridFile/configMap",
            })
    void rejects(String what, String yaml, String where) throws Exception {
        Path values = Chart.valuesFile(dir, yaml);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Chart.template(Map.of(), values), what);
        assertTrue(
                e.getMessage().contains(where), what + ": Helm's message should name " + where + ": " + e.getMessage());
    }

    @Test
    void acceptsEveryKeyWithAValidValue() throws Exception {
        Path values = Chart.valuesFile(
                dir,
                "sweep: {set: [seed=0, seed=4294967295, lr=1e-3, lr=.5, weight_decay=0, weight_decay=2.5e-1,"
                        + " frac_train=0.3, frac_train=1, init_scale=0.02, d_mlp=128, num_epochs=3000, act_type=quad,"
                        + " optimizer=AdamW, init_type=single-freq], grid: 'seed=1..5;lr=1e-4..1e-2:log3;"
                        + "frac_train=0.3..0.9:0.1', gridName: wd-2.frac_1, refine: 10, allowLarge: true}");
        String manifests = Chart.template(Map.of(), values);
        assertTrue(manifests.contains("seed=4294967295") && manifests.contains("lr=1e-4..1e-2:log3"), manifests);
    }

    @Test
    void acceptsOddModuliAndKnownConfigs() throws Exception {
        Path values = Chart.valuesFile(dir, "sweep: {p: [3, 23, 113], configs: [standard, quad_single_freq]}");
        String manifests = Chart.template(Map.of(), values);
        assertTrue(manifests.contains("3,23,113") && manifests.contains("standard,quad_single_freq"), manifests);
    }
}
