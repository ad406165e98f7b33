#!/usr/bin/env bash
# Lays out the modsweep application for the image (deploy/Dockerfile runs it in its build stage):
#   stage-app.sh APP_JAR APP_LIB SPARK_JARS OUT [CUDA_FLAVOR]
# OUT/modsweep/modsweep-app.jar  the application
# OUT/modsweep/lib/              its jars minus every artifact Spark already ships in SPARK_JARS (same name, any
#                                version: Spark's copy wins, so one version of each library is on the classpath) and
#                                minus DJL's CPU libtorch (the image brings a CUDA one)
# OUT/jni/<djl>-libdjl_torch.so  DJL's JNI glue for CUDA_FLAVOR (default cu128), from the pytorch-jni jar, named as
#                                DJL looks for it first in PYTORCH_LIBRARY_PATH
set -euo pipefail

if [[ $# -lt 4 || $# -gt 5 ]]; then
  echo "usage: stage-app.sh APP_JAR APP_LIB SPARK_JARS OUT [CUDA_FLAVOR]" >&2
  exit 2
fi
app_jar="$1" app_lib="$(cd "$2" && pwd)" spark_jars="$(cd "$3" && pwd)" out="$4" flavor="${5:-cu128}"
jar_tool="${JAVA_HOME:+$JAVA_HOME/bin/}jar"

mkdir -p "$out/modsweep/lib" "$out/jni"
cp "$app_jar" "$out/modsweep/modsweep-app.jar"

kept=0 skipped=0
for jar in "$app_lib"/*.jar; do
  name="$(basename "$jar")"
  # artifact name without version (and classifier): jackson-databind-2.18.2.jar -> jackson-databind
  artifact="$(sed -E 's/-[0-9][^-]*(-[A-Za-z0-9_.]+)?\.jar$//' <<<"$name")"
  if [[ -e "$spark_jars/$name" ]] || compgen -G "$spark_jars/$artifact-[0-9]*.jar" >/dev/null; then
    skipped=$((skipped + 1))
    continue
  fi
  case "$name" in
    pytorch-native-cpu-*) skipped=$((skipped + 1)); continue ;;
  esac
  cp "$jar" "$out/modsweep/lib/"
  kept=$((kept + 1))
done

jni_jar="$(compgen -G "$app_lib/pytorch-jni-*.jar" | head -n 1 || true)"
if [[ -z "$jni_jar" ]]; then
  echo "stage-app.sh: no pytorch-jni jar in $app_lib" >&2
  exit 1
fi
djl_version="$(basename "$jni_jar" .jar | sed -E 's/^pytorch-jni-[^-]+-//')"
tmp="$(mktemp -d)"
(cd "$tmp" && "$jar_tool" xf "$jni_jar" "jnilib/linux-x86_64/$flavor/libdjl_torch.so")
if [[ ! -f "$tmp/jnilib/linux-x86_64/$flavor/libdjl_torch.so" ]]; then
  echo "stage-app.sh: $(basename "$jni_jar") has no JNI library for flavour $flavor" >&2
  exit 1
fi
mv "$tmp/jnilib/linux-x86_64/$flavor/libdjl_torch.so" "$out/jni/$djl_version-libdjl_torch.so"
rm -rf "$tmp"
echo "stage-app.sh: kept $kept jars, left $skipped to Spark's jars or the CUDA libtorch, JNI $djl_version/$flavor"
