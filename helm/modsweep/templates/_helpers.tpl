{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "modsweep.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<chart>" unless the release name already holds the chart name. */}}
{{- define "modsweep.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "modsweep.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "modsweep.labels" -}}
helm.sh/chart: {{ include "modsweep.chart" . }}
app.kubernetes.io/name: {{ include "modsweep.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The sweep's name: the Spark application name, and the instance label of its driver and executor pods.
     The attempt is part of it so that a re-run (resume) is a new object. */}}
{{- define "modsweep.sweepName" -}}
{{- printf "%s-sweep-%d" (include "modsweep.fullname" . | trunc 50 | trimSuffix "-") (int .Values.sweep.attempt) }}
{{- end }}

{{/* Labels Spark puts on the driver pod; the Spark UI Service selects them. */}}
{{- define "modsweep.driverLabels" -}}
app.kubernetes.io/name: {{ include "modsweep.name" . }}
app.kubernetes.io/instance: {{ include "modsweep.sweepName" . }}
app.kubernetes.io/component: sweep-driver
{{- end }}

{{- define "modsweep.executorLabels" -}}
app.kubernetes.io/name: {{ include "modsweep.name" . }}
app.kubernetes.io/instance: {{ include "modsweep.sweepName" . }}
app.kubernetes.io/component: sweep-executor
{{- end }}

{{- define "modsweep.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (printf "%s-spark" (include "modsweep.fullname" .)) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* registry/repository:tag */}}
{{- define "modsweep.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.registry }}
{{- printf "%s/%s:%s" .Values.image.registry .Values.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/* "sparkApplication" or "job": the operator's API decides unless a value forces one. */}}
{{- define "modsweep.launcher" -}}
{{- if eq .Values.sweep.launcher "auto" }}
{{- if .Capabilities.APIVersions.Has "sparkoperator.k8s.io/v1beta2" }}sparkApplication{{ else }}job{{ end }}
{{- else }}
{{- .Values.sweep.launcher }}
{{- end }}
{{- end }}

{{- define "modsweep.hadoopConfName" -}}
{{- printf "%s-hadoop-conf" (include "modsweep.fullname" .) }}
{{- end }}

{{- define "modsweep.eventLogDir" -}}
{{- default (printf "%s/spark-events" (trimSuffix "/" .Values.store.uri)) .Values.sweep.eventLog.dir }}
{{- end }}

{{- define "modsweep.executorCores" -}}
{{- $gpu := .Values.sweep.executor.gpu }}
{{- if gt (int .Values.sweep.executor.cores) 0 }}{{ .Values.sweep.executor.cores }}
{{- else if gt (int $gpu.perExecutor) 0 }}{{ mul $gpu.tasksPerGpu $gpu.perExecutor }}
{{- else }}4{{ end }}
{{- end }}

{{/* The sweep's application arguments. */}}
{{- define "modsweep.sweepArgs" -}}
{{- $args := list }}
{{- if .Values.sweep.appCommand }}{{ $args = append $args .Values.sweep.appCommand }}{{ end }}
{{- $p := list }}{{ range .Values.sweep.p }}{{ $p = append $p (toString .) }}{{ end }}
{{- $args = concat $args (list "--p" (join "," $p) "--configs" (join "," .Values.sweep.configs) "--store" .Values.store.uri) }}
{{- if gt (int .Values.sweep.epochs) 0 }}{{ $args = concat $args (list "--epochs" (toString .Values.sweep.epochs)) }}{{ end }}
{{- $args = concat $args (include "modsweep.gridArgs" . | fromJsonArray) }}
{{- $args = concat $args .Values.sweep.extraArgs }}
{{- toJson $args }}
{{- end }}

{{/* The sweep's run options (docs/grids.md): --set per entry of sweep.set, --grid, --grid-file (the ConfigMap's
     file as the driver pod mounts it), --grid-name, --refine, --yes; submit-sweep.sh takes the same options. */}}
{{- define "modsweep.gridArgs" -}}
{{- $args := list }}
{{- range .Values.sweep.set }}{{ $args = concat $args (list "--set" .) }}{{ end }}
{{- with .Values.sweep.grid }}{{ $args = concat $args (list "--grid" .) }}{{ end }}
{{- with .Values.sweep.gridFile.configMap }}{{ $args = concat $args (list "--grid-file" (include "modsweep.gridFilePath" $)) }}{{ end }}
{{- with .Values.sweep.gridName }}{{ $args = concat $args (list "--grid-name" .) }}{{ end }}
{{- if gt (int .Values.sweep.refine) 0 }}{{ $args = concat $args (list "--refine" (toString .Values.sweep.refine)) }}{{ end }}
{{- if .Values.sweep.allowLarge }}{{ $args = append $args "--yes" }}{{ end }}
{{- toJson $args }}
{{- end }}

{{/* Where the driver pod mounts sweep.gridFile's ConfigMap, and the grid file in it. */}}
{{- define "modsweep.gridFileDir" -}}/etc/modsweep/grid{{- end }}
{{- define "modsweep.gridFilePath" -}}
{{- printf "%s/%s" (include "modsweep.gridFileDir" .) .Values.sweep.gridFile.key }}
{{- end }}

{{/* AWS credentials from the existing Secret, as environment variables (the S3A credential chain reads them). */}}
{{- define "modsweep.s3Env" -}}
{{- with .Values.store.s3.existingSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.store.s3.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.store.s3.secretAccessKeyKey }}
{{- end }}
{{- end }}

{{/* The Spark properties of the sweep, shared by the SparkApplication; the Job's submit-sweep.sh sets the same. */}}
{{- define "modsweep.sparkConf" -}}
{{- $gpu := .Values.sweep.executor.gpu }}
{{- $conf := dict
  "spark.kubernetes.container.image.pullPolicy" .Values.image.pullPolicy
  "spark.driver.extraClassPath" "/opt/modsweep/lib/*"
  "spark.executor.extraClassPath" "/opt/modsweep/lib/*"
  "spark.driver.extraJavaOptions" "-Dai.djl.offline=true"
  "spark.executor.extraJavaOptions" "-Dai.djl.offline=true"
  "spark.executor.memoryOverhead" .Values.sweep.executor.memoryOverhead
  "spark.dynamicAllocation.enabled" "false"
  "spark.task.cpus" "1"
  "spark.task.maxFailures" "4"
  "spark.kubernetes.hadoop.configMapName" (include "modsweep.hadoopConfName" .)
  "spark.hadoop.fs.s3a.endpoint.region" .Values.store.s3.region
  "spark.hadoop.fs.s3a.path.style.access" (toString .Values.store.s3.pathStyleAccess)
}}
{{- with .Values.store.s3.endpoint }}
{{- $_ := set $conf "spark.hadoop.fs.s3a.endpoint" . }}
{{- if hasPrefix "http://" . }}{{ $_ := set $conf "spark.hadoop.fs.s3a.connection.ssl.enabled" "false" }}{{ end }}
{{- end }}
{{- if gt (int $gpu.perExecutor) 0 }}
{{- $_ := set $conf "spark.executor.resource.gpu.amount" (toString $gpu.perExecutor) }}
{{- $_ := set $conf "spark.executor.resource.gpu.vendor" $gpu.vendor }}
{{- $_ := set $conf "spark.executor.resource.gpu.discoveryScript" "/opt/modsweep/bin/getGpusResources.sh" }}
{{- $_ := set $conf "spark.task.resource.gpu.amount" (divf 1 $gpu.tasksPerGpu | printf "%.6g") }}
{{- end }}
{{- with .Values.store.s3.existingSecret }}
{{- range $env, $key := dict "AWS_ACCESS_KEY_ID" $.Values.store.s3.accessKeyIdKey "AWS_SECRET_ACCESS_KEY" $.Values.store.s3.secretAccessKeyKey }}
{{- $_ := set $conf (printf "spark.kubernetes.driver.secretKeyRef.%s" $env) (printf "%s:%s" $.Values.store.s3.existingSecret $key) }}
{{- $_ := set $conf (printf "spark.kubernetes.executor.secretKeyRef.%s" $env) (printf "%s:%s" $.Values.store.s3.existingSecret $key) }}
{{- end }}
{{- end }}
{{- if .Values.sweep.eventLog.enabled }}
{{- $_ := set $conf "spark.eventLog.enabled" "true" }}
{{- $_ := set $conf "spark.eventLog.dir" (include "modsweep.eventLogDir" .) }}
{{- end }}
{{- range $k, $v := .Values.store.hadoopConf }}
{{- $_ := set $conf (printf "spark.hadoop.%s" $k) (toString $v) }}
{{- end }}
{{- range $k, $v := .Values.sweep.executor.nodeSelector }}
{{- $_ := set $conf (printf "spark.kubernetes.executor.node.selector.%s" $k) (toString $v) }}
{{- end }}
{{- range $k, $v := .Values.sweep.sparkConf }}
{{- $_ := set $conf $k (toString $v) }}
{{- end }}
{{- toYaml $conf }}
{{- end }}

{{/* Executor pod template (metadata + spec): GPU node placement. Spark adds image, command, cpu/memory and the
     <vendor>/gpu limit from spark.executor.resource.gpu.*; the limit is repeated here for operators that apply
     templates but drop their own gpu field. */}}
{{- define "modsweep.executorTemplate" -}}
{{- $gpu := .Values.sweep.executor.gpu -}}
metadata:
  labels:
    {{- include "modsweep.executorLabels" . | nindent 4 }}
spec:
  {{- with .Values.sweep.executor.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.sweep.executor.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  containers:
    - name: spark-kubernetes-executor
      {{- if gt (int $gpu.perExecutor) 0 }}
      env:
        - name: NVIDIA_DRIVER_CAPABILITIES
          value: compute,utility
      resources:
        limits:
          {{ $gpu.vendor }}/gpu: {{ $gpu.perExecutor }}
      {{- end }}
{{- end }}

{{/* Driver pod template (metadata + spec): no GPU; exposes the Spark UI port. */}}
{{- define "modsweep.driverTemplate" -}}
metadata:
  labels:
    {{- include "modsweep.driverLabels" . | nindent 4 }}
spec:
  {{- with .Values.sweep.driver.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.sweep.driver.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  {{- with .Values.sweep.gridFile.configMap }}
  volumes:
    - name: grid
      configMap:
        name: {{ . }}
  {{- end }}
  containers:
    - name: spark-kubernetes-driver
      ports:
        - name: spark-ui
          containerPort: 4040
      {{- if .Values.sweep.gridFile.configMap }}
      volumeMounts:
        - name: grid
          mountPath: {{ include "modsweep.gridFileDir" . }}
          readOnly: true
      {{- end }}
{{- end }}
