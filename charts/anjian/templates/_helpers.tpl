{{/*
The chart's name.
*/}}
{{- define "anjian.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name: the release name, with the chart's name unless the release
name contains it. At most 63 characters (a DNS label); 52 leaves room for
suffixes such as -migrate.
*/}}
{{- define "anjian.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "anjian.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "anjian.labels" -}}
helm.sh/chart: {{ include "anjian.chart" . }}
{{ include "anjian.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: anjian
{{- end }}

{{/*
Selector labels of the server pods (with component: server).
*/}}
{{- define "anjian.selectorLabels" -}}
app.kubernetes.io/name: {{ include "anjian.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "anjian.serverSelectorLabels" -}}
{{ include "anjian.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{- define "anjian.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "anjian.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "anjian.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The Secret the server reads: the user's, or the one the chart makes.
*/}}
{{- define "anjian.secretName" -}}
{{- default (include "anjian.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
The Secret the migration Job reads the owner URL from.
*/}}
{{- define "anjian.migrationSecretName" -}}
{{- if .Values.migration.existingSecret }}
{{- .Values.migration.existingSecret }}
{{- else if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- printf "%s-migrate" (include "anjian.fullname" .) }}
{{- end }}
{{- end }}

{{/*
"true" when the chart makes the server's Secret: no existingSecret and at
least one secret value set.
*/}}
{{- define "anjian.createSecret" -}}
{{- if not .Values.existingSecret }}
{{- $v := .Values }}
{{- if or (and (eq $v.database.type "postgresql") $v.database.url) (and $v.redis.enabled $v.redis.url) (and (eq $v.objectStore.type "s3") (or $v.objectStore.s3.accessKeyId $v.objectStore.s3.secretAccessKey)) $v.keys.artifactKey $v.keys.certificateKey $v.metrics.token }}
{{- "true" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"true" when more than one server pod may run.
*/}}
{{- define "anjian.multiReplica" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
"true" when the data directory holds state (the embedded database or local
files) and persistence is on: it is then a PersistentVolumeClaim.
*/}}
{{- define "anjian.persistentData" -}}
{{- if and .Values.persistence.enabled (or (eq .Values.database.type "embedded") (eq .Values.objectStore.type "local")) }}
{{- "true" }}
{{- end }}
{{- end }}

{{- define "anjian.migrationJobEnabled" -}}
{{- if and (eq .Values.database.type "postgresql") .Values.migration.enabled }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Combinations the schema cannot express. Included by the Deployment, so every
render checks them.
*/}}
{{- define "anjian.validateValues" -}}
{{- $v := .Values }}
{{- $secret := $v.existingSecret }}
{{- if include "anjian.multiReplica" . }}
{{- if ne $v.database.type "postgresql" }}
{{- fail "More than one replica (replicaCount > 1 or autoscaling.enabled) needs an external PostgreSQL: set database.type=postgresql with database.url (or existingSecret). The embedded database serves one replica only." }}
{{- end }}
{{- if ne $v.objectStore.type "s3" }}
{{- fail "More than one replica (replicaCount > 1 or autoscaling.enabled) needs shared object storage: set objectStore.type=s3 and objectStore.s3.endpoint." }}
{{- end }}
{{- if not $v.redis.enabled }}
{{- fail "More than one replica (replicaCount > 1 or autoscaling.enabled) needs Redis: set redis.enabled=true with redis.url (or existingSecret)." }}
{{- end }}
{{- end }}
{{- if and (eq $v.database.type "postgresql") (not $v.database.url) (not $secret) }}
{{- fail "database.type=postgresql needs database.url (the anjian_server role's URL) or existingSecret with the key database-url." }}
{{- end }}
{{- if and (eq $v.database.type "embedded") (or $v.database.url $v.database.migrateUrl) }}
{{- fail "database.url and database.migrateUrl are for database.type=postgresql; set database.type=postgresql or clear them." }}
{{- end }}
{{- if and (include "anjian.migrationJobEnabled" .) (not $v.database.migrateUrl) (not $secret) (not $v.migration.existingSecret) }}
{{- fail "The migration Job needs the owner role's URL: set database.migrateUrl, existingSecret or migration.existingSecret (key migrate-database-url)." }}
{{- end }}
{{- if and $v.citus.enabled (not (include "anjian.migrationJobEnabled" .)) }}
{{- fail "citus.enabled needs database.type=postgresql and migration.enabled=true (the migration Job runs anjian migrate --citus)." }}
{{- end }}
{{- if and $v.redis.enabled (not $v.redis.url) (not $secret) }}
{{- fail "redis.enabled needs redis.url or existingSecret with the key redis-url." }}
{{- end }}
{{- if and (not $v.redis.enabled) $v.redis.url }}
{{- fail "redis.url is set but redis.enabled is false." }}
{{- end }}
{{- if and (eq $v.objectStore.type "s3") (not $v.objectStore.s3.endpoint) }}
{{- fail "objectStore.type=s3 needs objectStore.s3.endpoint." }}
{{- end }}
{{- if and $v.autoscaling.enabled (lt (int $v.autoscaling.maxReplicas) (int $v.autoscaling.minReplicas)) }}
{{- fail "autoscaling.maxReplicas must be at least autoscaling.minReplicas." }}
{{- end }}
{{- if and (include "anjian.multiReplica" .) $v.persistence.existingClaim }}
{{- fail "persistence.existingClaim is for one replica only." }}
{{- end }}
{{- if $secret }}
{{- range $key, $value := dict "database.url" $v.database.url "database.migrateUrl" $v.database.migrateUrl "redis.url" $v.redis.url "objectStore.s3.accessKeyId" $v.objectStore.s3.accessKeyId "objectStore.s3.secretAccessKey" $v.objectStore.s3.secretAccessKey "keys.artifactKey" $v.keys.artifactKey "keys.certificateKey" $v.keys.certificateKey "metrics.token" $v.metrics.token }}
{{- if $value }}
{{- fail (printf "existingSecret is set, so %s is not used: put it in the Secret %s instead (README: the Secret's keys), and clear the value." $key $secret) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and $v.migration.existingSecret $v.database.migrateUrl }}
{{- fail "migration.existingSecret is set, so database.migrateUrl is not used: put it in that Secret (key migrate-database-url) and clear the value." }}
{{- end }}
{{- $pdb := $v.podDisruptionBudget }}
{{- if and $pdb.enabled (eq (toString $pdb.minAvailable) "") (eq (toString $pdb.maxUnavailable) "") }}
{{- fail "podDisruptionBudget needs minAvailable or maxUnavailable." }}
{{- end }}
{{- end }}

{{/*
Volumes shared by the server pods and the migration Job: /tmp and the data
directory. Takes a dict: ctx (the root), persistent (bool).
*/}}
{{- define "anjian.volumes" -}}
{{- $ctx := .ctx -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ $ctx.Values.tmpSizeLimit }}
- name: data
{{- if .persistent }}
  persistentVolumeClaim:
    claimName: {{ default (printf "%s-data" (include "anjian.fullname" $ctx)) $ctx.Values.persistence.existingClaim }}
{{- else }}
  emptyDir:
    sizeLimit: {{ $ctx.Values.dataDirSizeLimit }}
{{- end }}
{{- end }}

{{- define "anjian.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/anjian
{{- end }}

{{/*
The server's secret environment: references into the Secret. With
existingSecret, keys other than the database and Redis URLs are optional;
with the chart's Secret, only the keys it holds are referenced.
*/}}
{{- define "anjian.secretEnv" -}}
{{- $v := .Values }}
{{- $existing := $v.existingSecret }}
{{- $name := include "anjian.secretName" . }}
{{- $pg := eq $v.database.type "postgresql" }}
{{- $s3 := eq $v.objectStore.type "s3" }}
{{- $entries := list }}
{{- $entries = append $entries (dict "env" "ANJIAN_DATABASE_URL" "key" "database-url" "value" $v.database.url "used" $pg "required" true) }}
{{- $entries = append $entries (dict "env" "ANJIAN_REDIS_URL" "key" "redis-url" "value" $v.redis.url "used" $v.redis.enabled "required" true) }}
{{- $entries = append $entries (dict "env" "ANJIAN_S3_ACCESS_KEY_ID" "key" "s3-access-key-id" "value" $v.objectStore.s3.accessKeyId "used" $s3 "required" false) }}
{{- $entries = append $entries (dict "env" "ANJIAN_S3_SECRET_ACCESS_KEY" "key" "s3-secret-access-key" "value" $v.objectStore.s3.secretAccessKey "used" $s3 "required" false) }}
{{- $entries = append $entries (dict "env" "ANJIAN_ARTIFACT_KEY" "key" "artifact-key" "value" $v.keys.artifactKey "used" true "required" false) }}
{{- $entries = append $entries (dict "env" "ANJIAN_CERTIFICATE_KEY" "key" "certificate-key" "value" $v.keys.certificateKey "used" true "required" false) }}
{{- $entries = append $entries (dict "env" "ANJIAN_METRICS_TOKEN" "key" "metrics-token" "value" $v.metrics.token "used" true "required" false) }}
{{- range $entries }}
{{- if and .used (or $existing .value) }}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ $name }}
      key: {{ .key }}
      {{- if and $existing (not .required) }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}
{{- end }}

