#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript), after Spark's
# examples/src/main/scripts/getGpusResources.sh. Prints the GPUs this container was given, as Spark expects:
#   {"name": "gpu", "addresses": ["0", "1"]}
# The NVIDIA device plugin exposes only the GPUs allocated to the pod, so nvidia-smi's indices are exactly this
# executor's GPUs; the NVIDIA runtime mounts nvidia-smi when NVIDIA_DRIVER_CAPABILITIES includes "utility".
set -euo pipefail

smi="${NVIDIA_SMI:-nvidia-smi}"
if ! command -v "$smi" >/dev/null 2>&1; then
  echo "getGpusResources.sh: $smi not found: is this pod on a GPU node with the NVIDIA container runtime?" >&2
  exit 1
fi

addresses=""
while IFS= read -r index; do
  index="${index//[[:space:]]/}"
  [[ -z "$index" ]] && continue
  if [[ ! "$index" =~ ^[0-9]+$ ]]; then
    echo "getGpusResources.sh: unexpected GPU index from $smi: '$index'" >&2
    exit 1
  fi
  addresses+="${addresses:+, }\"$index\""
done < <("$smi" --query-gpu=index --format=csv,noheader)

if [[ -z "$addresses" ]]; then
  echo "getGpusResources.sh: $smi lists no GPU in this container" >&2
  exit 1
fi
printf '{"name": "gpu", "addresses": [%s]}\n' "$addresses"
