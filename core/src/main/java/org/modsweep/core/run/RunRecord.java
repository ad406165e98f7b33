package org.modsweep.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code run.json}: what was trained, by what, when, how fast, and how it ended (provenance in the style of
 * Tribuo: every result carries its configuration, versions and times).
 *
 * @param cell         cell id, e.g. p023-standard
 * @param p            modulus
 * @param config       the full configuration (ConfigJson), with num_epochs the configured (possibly capped) count
 * @param dMlp         hidden width
 * @param epochCap     the --epochs cap in force, or null for the study's epochs
 * @param epochsRun    epochs executed (less than num_epochs after a plateau stop)
 * @param stoppedEarly whether the grokking plateau stop ended the run
 * @param checkpoints  number of numbered checkpoints written
 * @param wallSeconds  training wall time (initialisation to commit)
 * @param msPerEpoch   wall time per executed epoch
 * @param device       e.g. cpu() or gpu(0)
 * @param threads      engine intra-op threads
 * @param versions     modsweep, djl, pytorch, java versions
 * @param platform     OS, CPU, JVM and libtorch build (null in runs written before it was recorded)
 * @param started      ISO-8601 instant
 * @param finished     ISO-8601 instant
 * @param attempt      the attempt id that committed this run
 * @param finalMetrics last recorded metrics (train_loss, test_loss, train_acc, test_acc, grad_norm, param_norm)
 * @param nTrain       training pairs
 * @param nTest        test pairs
 * @param lanes        the batch of lanes the run trained in ({@code sweep --lanes}), or null when it trained alone
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunRecord(
        @JsonProperty("cell") String cell,
        @JsonProperty("p") int p,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("d_mlp") int dMlp,
        @JsonProperty("epoch_cap") Integer epochCap,
        @JsonProperty("epochs_run") int epochsRun,
        @JsonProperty("stopped_early") boolean stoppedEarly,
        @JsonProperty("checkpoints") int checkpoints,
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("ms_per_epoch") double msPerEpoch,
        @JsonProperty("device") String device,
        @JsonProperty("threads") int threads,
        @JsonProperty("versions") Map<String, String> versions,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("started") String started,
        @JsonProperty("finished") String finished,
        @JsonProperty("attempt") String attempt,
        @JsonProperty("final") Map<String, Double> finalMetrics,
        @JsonProperty("n_train") int nTrain,
        @JsonProperty("n_test") int nTest,
        @JsonProperty("lanes") @JsonInclude(JsonInclude.Include.NON_NULL) LaneBatch lanes) {}
