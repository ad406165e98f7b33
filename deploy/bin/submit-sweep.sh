#!/usr/bin/env bash
# Submits a modsweep sweep to Spark on Kubernetes in cluster mode, with GPU executors (docs/cluster.md).
#
#   deploy/bin/submit-sweep.sh --master k8s://https://API-SERVER:6443 --image REGISTRY/modsweep:0.1.0 \
#       --store s3a://BUCKET/modsweep --s3-endpoint https://s3.example.com --p 15,23,29,31 --configs all
#
# Every option has a default or an environment variable (MODSWEEP_*), so the Helm chart's Job and a person at a
# terminal run the same script. S3 credentials reach the pods from a Kubernetes Secret as environment variables
# (spark.kubernetes.{driver,executor}.secretKeyRef.*); they never appear on a command line.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: submit-sweep.sh --image IMAGE --store URI [options] [-- extra sweep options]

Cluster
  --master URL               k8s://https://HOST:PORT (env MODSWEEP_MASTER; default k8s://https://kubernetes.default.svc)
  --namespace NS             namespace of the driver and executors (env MODSWEEP_NAMESPACE; default "default")
  --image IMAGE              the modsweep image, registry/repository:tag (env MODSWEEP_IMAGE; required)
  --image-pull-policy P      Always, IfNotPresent or Never (default IfNotPresent)
  --image-pull-secret NAME   a docker-registry Secret for a private registry (repeatable)
  --service-account NAME     the driver's service account, allowed to create executor pods (default modsweep-spark)
  --name NAME                Spark application name and app.kubernetes.io/instance label (default modsweep-sweep)
  --label KEY=VALUE          extra label on the driver and executor pods (repeatable)
Sweep
  --store URI                results store, e.g. s3a://bucket/prefix (env MODSWEEP_STORE; required)
  --p LIST                   odd moduli, e.g. 23, 3..31, 15,23 (default 15,23,29,31)
  --configs LIST             configurations, "all" or e.g. standard,grokking (default all)
  --epochs N                 cap the epochs of every run (quick trials; default the study's)
  --set KEY=VALUE            override a key of every run's configuration (repeatable): seed, lr, weight_decay,
                             frac_train, init_scale, d_mlp, num_epochs, act_type, optimizer, init_type
  --grid AXES                a grid of overrides, e.g. 'seed=1..3;weight_decay=0,0.5,1' (docs/grids.md)
  --grid-file PATH           a grid file (YAML or JSON) at this path INSIDE THE DRIVER POD: mount it there from a
                             ConfigMap through the driver pod template (the Helm chart's sweep.gridFile does)
  --grid-name NAME           the grid's id, results/grids/NAME/ (default: derived from the grid)
  --refine N                 refinement near phase boundaries adds up to N grid points after the first pass
  --yes                      run a grid of more than 10000 runs
Executors
  --executors N              executor pods (default 2)
  --executor-memory SIZE     JVM heap of an executor (default 8g)
  --executor-memory-overhead SIZE  memory outside the heap: CUDA context, libtorch (default 4g)
  --executor-cores N         cores per executor (default: tasks per GPU x GPUs, or 4 for CPU executors)
  --gpus-per-executor N      GPUs per executor; 0 runs on CPU (default 1)
  --tasks-per-gpu N          cells that train side by side on one GPU; task GPU amount = 1/N (default 4)
  --executor-pod-template F  pod template with nodeSelector/tolerations (default: pod-templates/executor-gpu.yaml,
                             or executor-cpu.yaml with --gpus-per-executor 0)
  --executor-node-selector KEY=VALUE   extra node selector for executors (repeatable)
Driver
  --driver-memory SIZE       (default 4g)   --driver-cores N (default 1)
  --driver-pod-template F    (default: pod-templates/driver.yaml)
  --driver-pod-name NAME     a fixed driver pod name (default: Spark's, unique per submission)
Storage
  --s3-endpoint URL          S3 endpoint for s3a:// (omit for AWS S3 with its regional endpoint)
  --s3-region REGION         (default us-east-1)
  --s3-path-style BOOL       path-style access, true for MinIO/Ceph (default true)
  --s3-secret NAME           Secret with keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; "" to use the pods'
                             own identity, e.g. IRSA (env MODSWEEP_S3_SECRET; default modsweep-s3)
  --event-log DIR            Spark event log directory for the History Server (default STORE/spark-events; it must
                             exist); --no-event-log turns it off
Application
  --main-class CLASS         (default org.modsweep.driver.SweepApp, the sweep as a Spark application)
  --app-command WORD         first application argument, a subcommand, for a main class with several, e.g.
                             --main-class org.modsweep.app.Modsweep --app-command sweep (default: none)
  --app-jar URI              (default local:///opt/modsweep/modsweep-app.jar)
  --app-classpath PATH       the application's other jars, inside the image (default /opt/modsweep/lib/*)
Other
  --conf KEY=VALUE           any Spark property (repeatable; last wins)
  --no-wait                  return once the driver pod is created instead of following the application
  --dry-run                  print the spark-submit command and exit
  -h, --help                 this text
Environment: SPARK_HOME (spark-submit is $SPARK_HOME/bin/spark-submit) or SPARK_SUBMIT (the command to run).
USAGE
}

die() {
  echo "submit-sweep.sh: error: $*" >&2
  exit 2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
templates="${MODSWEEP_POD_TEMPLATES:-$(cd "$here/.." && pwd)/pod-templates}"

master="${MODSWEEP_MASTER:-k8s://https://kubernetes.default.svc}"
namespace="${MODSWEEP_NAMESPACE:-default}"
image="${MODSWEEP_IMAGE:-}"
pull_policy=IfNotPresent
pull_secrets=()
service_account=modsweep-spark
name=modsweep-sweep
labels=()
store="${MODSWEEP_STORE:-}"
moduli=15,23,29,31
configs=all
epochs=""
grid_args=()
grid=""
grid_file=""
grid_name=""
refine=""
yes=false
executors=2
executor_memory=8g
executor_overhead=4g
executor_cores=""
gpus=1
tasks_per_gpu=4
executor_template=""
executor_node_selectors=()
driver_memory=4g
driver_cores=1
driver_template="$templates/driver.yaml"
driver_pod_name=""
s3_endpoint=""
s3_region=us-east-1
s3_path_style=true
s3_secret="${MODSWEEP_S3_SECRET-modsweep-s3}"
event_log=""
event_log_enabled=true
main_class=org.modsweep.driver.SweepApp
app_command=""
app_jar=local:///opt/modsweep/modsweep-app.jar
app_classpath='/opt/modsweep/lib/*'
confs=()
wait_completion=true
dry_run=false
sweep_extra=()

need_value() {
  [[ $# -ge 2 ]] || die "$1 needs a value"
}

while [[ $# -gt 0 ]]; do
  opt="$1"
  case "$opt" in
    -h | --help) usage; exit 0 ;;
    --no-wait) wait_completion=false; shift; continue ;;
    --dry-run) dry_run=true; shift; continue ;;
    --no-event-log) event_log_enabled=false; shift; continue ;;
    --yes) yes=true; shift; continue ;;
    --) shift; sweep_extra=("$@"); break ;;
  esac
  need_value "$@"
  value="$2"
  shift 2
  case "$opt" in
    --master) master="$value" ;;
    --namespace) namespace="$value" ;;
    --image) image="$value" ;;
    --image-pull-policy) pull_policy="$value" ;;
    --image-pull-secret) pull_secrets+=("$value") ;;
    --service-account) service_account="$value" ;;
    --name) name="$value" ;;
    --label) labels+=("$value") ;;
    --store) store="$value" ;;
    --p) moduli="$value" ;;
    --configs) configs="$value" ;;
    --epochs) epochs="$value" ;;
    --set) grid_args+=(--set "$value") ;;
    --grid) grid="$value" ;;
    --grid-file) grid_file="$value" ;;
    --grid-name) grid_name="$value" ;;
    --refine) refine="$value" ;;
    --executors) executors="$value" ;;
    --executor-memory) executor_memory="$value" ;;
    --executor-memory-overhead) executor_overhead="$value" ;;
    --executor-cores) executor_cores="$value" ;;
    --gpus-per-executor) gpus="$value" ;;
    --tasks-per-gpu) tasks_per_gpu="$value" ;;
    --executor-pod-template) executor_template="$value" ;;
    --executor-node-selector) executor_node_selectors+=("$value") ;;
    --driver-memory) driver_memory="$value" ;;
    --driver-cores) driver_cores="$value" ;;
    --driver-pod-template) driver_template="$value" ;;
    --driver-pod-name) driver_pod_name="$value" ;;
    --s3-endpoint) s3_endpoint="$value" ;;
    --s3-region) s3_region="$value" ;;
    --s3-path-style) s3_path_style="$value" ;;
    --s3-secret) s3_secret="$value" ;;
    --event-log) event_log="$value" ;;
    --main-class) main_class="$value" ;;
    --app-command) app_command="$value" ;;
    --app-jar) app_jar="$value" ;;
    --app-classpath) app_classpath="$value" ;;
    --conf) confs+=("$value") ;;
    *) die "unknown option $opt (see --help)" ;;
  esac
done

# ---- checks: one clear line per mistake, before anything reaches the cluster ----
[[ -n "$image" ]] || die "--image is required (registry/repository:tag of the modsweep image)"
[[ -n "$store" ]] || die "--store is required (e.g. s3a://bucket/modsweep)"
[[ "$master" == k8s://* ]] || die "--master must be a k8s:// URL, got '$master'"
[[ "$store" == *://* ]] || die "--store must be a URI every pod can reach (s3a://...), got '$store'"
[[ "$moduli" =~ ^[0-9]+(\.\.[0-9]+)?(,[0-9]+(\.\.[0-9]+)?)*$ ]] || die "--p must look like 23, 3..31 or 15,23; got '$moduli'"
[[ "$configs" =~ ^[a-z_]+(,[a-z_]+)*$ ]] || die "--configs must be 'all' or names like standard,grokking; got '$configs'"
[[ -z "$epochs" || "$epochs" =~ ^[1-9][0-9]*$ ]] || die "--epochs must be a positive integer, got '$epochs'"
grid_keys='seed|lr|weight_decay|frac_train|init_scale|d_mlp|num_epochs|act_type|optimizer|init_type'
for ((i = 1; i < ${#grid_args[@]}; i += 2)); do
  kv="${grid_args[i]}"
  [[ "$kv" =~ ^($grid_keys)=[^=[:space:]]+$ ]] \
    || die "--set must be KEY=VALUE with a key among ${grid_keys//|/, }; got '$kv'"
done
[[ -z "$grid" || -z "$grid_file" ]] || die "give --grid or --grid-file, not both"
[[ -z "$grid_name" || "$grid_name" =~ ^[a-z0-9][a-z0-9_.-]{0,79}$ ]] \
  || die "--grid-name must be 1-80 characters of a-z, 0-9, '_', '.', '-'; got '$grid_name'"
[[ -z "$refine" || "$refine" =~ ^[0-9]+$ ]] || die "--refine must be 0 or a positive integer, got '$refine'"
[[ "$executors" =~ ^[1-9][0-9]*$ ]] || die "--executors must be a positive integer, got '$executors'"
[[ "$gpus" =~ ^[0-9]+$ ]] || die "--gpus-per-executor must be 0 or more, got '$gpus'"
[[ "$tasks_per_gpu" =~ ^[1-9][0-9]*$ ]] || die "--tasks-per-gpu must be a positive integer, got '$tasks_per_gpu'"
[[ -z "$executor_cores" || "$executor_cores" =~ ^[1-9][0-9]*$ ]] || die "--executor-cores must be a positive integer"
[[ "$s3_path_style" == true || "$s3_path_style" == false ]] || die "--s3-path-style must be true or false"
for kv in "${confs[@]}" "${labels[@]}" "${executor_node_selectors[@]}"; do
  [[ "$kv" == ?*=* ]] || die "expected KEY=VALUE, got '$kv'"
done
for kv in "${confs[@]}"; do
  case "${kv%%=*}" in
    *secret.key | *access.key | *session.token | *.password)
      die "${kv%%=*} must not be passed on the command line: put it in the Secret named by --s3-secret" ;;
  esac
done

if [[ -z "$executor_template" ]]; then
  if ((gpus > 0)); then executor_template="$templates/executor-gpu.yaml"; else executor_template="$templates/executor-cpu.yaml"; fi
fi
for f in "$executor_template" "$driver_template"; do
  [[ -f "$f" ]] || die "pod template not found: $f"
done
if [[ -z "$executor_cores" ]]; then
  if ((gpus > 0)); then executor_cores=$((tasks_per_gpu * gpus)); else executor_cores=4; fi
fi
[[ -n "$event_log" ]] || event_log="${store%/}/spark-events"

# ---- the Spark properties of a GPU sweep ----
conf=(
  spark.app.name="$name"
  spark.kubernetes.namespace="$namespace"
  spark.kubernetes.container.image="$image"
  spark.kubernetes.container.image.pullPolicy="$pull_policy"
  spark.kubernetes.authenticate.driver.serviceAccountName="$service_account"
  spark.kubernetes.submission.waitAppCompletion="$wait_completion"
  spark.kubernetes.driver.podTemplateFile="$driver_template"
  spark.kubernetes.executor.podTemplateFile="$executor_template"
  spark.kubernetes.driver.label.app.kubernetes.io/name=modsweep
  spark.kubernetes.driver.label.app.kubernetes.io/instance="$name"
  spark.kubernetes.driver.label.app.kubernetes.io/component=sweep-driver
  spark.kubernetes.executor.label.app.kubernetes.io/name=modsweep
  spark.kubernetes.executor.label.app.kubernetes.io/instance="$name"
  spark.kubernetes.executor.label.app.kubernetes.io/component=sweep-executor
  spark.driver.cores="$driver_cores"
  spark.driver.memory="$driver_memory"
  spark.driver.extraClassPath="$app_classpath"
  spark.driver.extraJavaOptions=-Dai.djl.offline=true
  spark.executor.instances="$executors"
  spark.executor.cores="$executor_cores"
  spark.executor.memory="$executor_memory"
  spark.executor.memoryOverhead="$executor_overhead"
  spark.executor.extraClassPath="$app_classpath"
  spark.executor.extraJavaOptions=-Dai.djl.offline=true
  spark.dynamicAllocation.enabled=false
  spark.task.cpus=1
  # a cell that dies (e.g. its executor is preempted) is retried; its attempt directory is discarded
  spark.task.maxFailures=4
  spark.hadoop.fs.s3a.endpoint.region="$s3_region"
  spark.hadoop.fs.s3a.path.style.access="$s3_path_style"
)
if ((gpus > 0)); then
  # Spark asks Kubernetes for nvidia.com/gpu limits from these, discovers the GPU ids with the script, and lets
  # tasks_per_gpu cells share one GPU (each cell is a small model: several train side by side).
  task_gpu_amount="$(awk -v n="$tasks_per_gpu" 'BEGIN { printf "%.6g", 1 / n }')"
  conf+=(
    spark.executor.resource.gpu.amount="$gpus"
    spark.executor.resource.gpu.vendor=nvidia.com
    spark.executor.resource.gpu.discoveryScript=/opt/modsweep/bin/getGpusResources.sh
    spark.task.resource.gpu.amount="$task_gpu_amount"
  )
fi
if [[ -n "$s3_endpoint" ]]; then
  conf+=(spark.hadoop.fs.s3a.endpoint="$s3_endpoint")
  [[ "$s3_endpoint" == http://* ]] && conf+=(spark.hadoop.fs.s3a.connection.ssl.enabled=false)
fi
if [[ -n "$s3_secret" ]]; then
  # Environment variables from the Secret; S3A's default credential chain reads them. Nothing secret is in the conf.
  for key in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; do
    conf+=(
      "spark.kubernetes.driver.secretKeyRef.$key=$s3_secret:$key"
      "spark.kubernetes.executor.secretKeyRef.$key=$s3_secret:$key"
    )
  done
fi
if [[ "$event_log_enabled" == true ]]; then
  conf+=(spark.eventLog.enabled=true spark.eventLog.dir="$event_log")
fi
[[ -n "$driver_pod_name" ]] && conf+=(spark.kubernetes.driver.pod.name="$driver_pod_name")
if ((${#pull_secrets[@]})); then
  conf+=(spark.kubernetes.container.image.pullSecrets="$(IFS=,; echo "${pull_secrets[*]}")")
fi
for kv in "${labels[@]}"; do
  conf+=(spark.kubernetes.driver.label."$kv" spark.kubernetes.executor.label."$kv")
done
for kv in "${executor_node_selectors[@]}"; do
  conf+=(spark.kubernetes.executor.node.selector."$kv")
done
conf+=("${confs[@]}")

# ---- the application's arguments: the options of `modsweep sweep` (spark.master comes from spark-submit) ----
app_args=()
[[ -n "$app_command" ]] && app_args+=("$app_command")
app_args+=(--p "$moduli" --configs "$configs" --store "$store")
[[ -n "$epochs" ]] && app_args+=(--epochs "$epochs")
app_args+=("${grid_args[@]}")
[[ -n "$grid" ]] && app_args+=(--grid "$grid")
[[ -n "$grid_file" ]] && app_args+=(--grid-file "$grid_file")
[[ -n "$grid_name" ]] && app_args+=(--grid-name "$grid_name")
[[ -n "$refine" && "$refine" != 0 ]] && app_args+=(--refine "$refine")
[[ "$yes" == true ]] && app_args+=(--yes)
app_args+=("${sweep_extra[@]}")

submit="${SPARK_SUBMIT:-${SPARK_HOME:-/opt/spark}/bin/spark-submit}"
cmd=("$submit" --master "$master" --deploy-mode cluster --class "$main_class")
for kv in "${conf[@]}"; do
  cmd+=(--conf "$kv")
done
cmd+=("$app_jar" "${app_args[@]}")

if [[ "$dry_run" == true ]]; then
  printf '%q ' "${cmd[@]}"
  echo
  exit 0
fi
exec "${cmd[@]}"
