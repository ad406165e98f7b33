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
            })
    void rejects(String what, String yaml, String where) throws Exception {
        Path values = Chart.valuesFile(dir, yaml);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Chart.template(Map.of(), values), what);
        assertTrue(
                e.getMessage().contains(where), what + ": Helm's message should name " + where + ": " + e.getMessage());
    }

    @Test
    void acceptsOddModuliAndKnownConfigs() throws Exception {
        Path values = Chart.valuesFile(dir, "sweep: {p: [3, 23, 113], configs: [standard, quad_single_freq]}");
        String manifests = Chart.template(Map.of(), values);
        assertTrue(manifests.contains("3,23,113") && manifests.contains("standard,quad_single_freq"), manifests);
    }
}
