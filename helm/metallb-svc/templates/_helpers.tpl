{{/*
The values every template reads: the top-level values with the Palette lb-metallb-helm pack's `metallb:` section (the
base chart's values) merged over them, so `metallb.speaker.frr.enabled: true` works like `speaker.frr.enabled: true`.
Use: {{- $v := include "metallb-svc.values" . | fromYaml }}
*/}}
{{- define "metallb-svc.values" -}}
{{- $base := omit (deepCopy .Values) "metallb" -}}
{{- $pack := deepCopy (.Values.metallb | default dict) -}}
{{- toYaml (mergeOverwrite $base $pack) -}}
{{- end -}}

{{- define "metallb-svc.fullname" -}}
{{- default "metallb-svc" .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "metallb-svc.labels" -}}
app.kubernetes.io/name: metallb-svc
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: metallb-svc
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: pass (list $ "webhook"). */}}
{{- define "metallb-svc.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: metallb-svc
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* An image reference: pass (list $ .Values.webhook.image). The tag defaults to the chart's appVersion. */}}
{{- define "metallb-svc.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- printf "%s:%s" $image.repository (toString (default $root.Chart.AppVersion $image.tag)) -}}
{{- end -}}

{{- define "metallb-svc.frrEnabled" -}}
{{- $v := include "metallb-svc.values" . | fromYaml -}}
{{- if $v.speaker.frr.enabled }}true{{ end -}}
{{- end -}}

{{/* The BGP backend the webhook and the allocator apply the rules of. */}}
{{- define "metallb-svc.bgpMode" -}}
{{- if include "metallb-svc.frrEnabled" . }}frr{{ else }}native{{ end -}}
{{- end -}}

{{- define "metallb-svc.rabbitmqSecret" -}}
{{- $v := include "metallb-svc.values" . | fromYaml -}}
{{- default (printf "%s-rabbitmq" (include "metallb-svc.fullname" .)) $v.rabbitmq.existingSecret -}}
{{- end -}}

{{- define "metallb-svc.bgpKeySecret" -}}
{{- $v := include "metallb-svc.values" . | fromYaml -}}
{{- default (printf "%s-bgp-password-key" (include "metallb-svc.fullname" .)) $v.bgpPasswordKey.existingSecret -}}
{{- end -}}

{{- define "metallb-svc.rabbitmqHost" -}}
{{- $v := include "metallb-svc.values" . | fromYaml -}}
{{- if $v.rabbitmq.bundled.enabled -}}
{{- printf "%s-rabbitmq.%s.svc" (include "metallb-svc.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- required "rabbitmq.host is required when rabbitmq.bundled.enabled is false" $v.rabbitmq.host -}}
{{- end -}}
{{- end -}}

{{/* The pod-level settings shared by the allocator and the announcer: the broker, its login, the BGP key, OTLP. */}}
{{- define "metallb-svc.busVolumeMounts" -}}
- name: rabbitmq
  mountPath: /etc/metallb-svc/rabbitmq
  readOnly: true
- name: bgp-password-key
  mountPath: /etc/metallb-svc/bgp-password-key
  readOnly: true
{{- end -}}

{{- define "metallb-svc.busVolumes" -}}
- name: rabbitmq
  secret:
    secretName: {{ include "metallb-svc.rabbitmqSecret" . }}
- name: bgp-password-key
  secret:
    secretName: {{ include "metallb-svc.bgpKeySecret" . }}
{{- end -}}

{{- define "metallb-svc.busEnv" -}}
- name: Bus__RabbitMq__SecretDir
  value: /etc/metallb-svc/rabbitmq
- name: Bgp__PasswordKeyFile
  value: /etc/metallb-svc/bgp-password-key/key
{{- end -}}

{{/* Environment every pod gets: its name and node, for telemetry. */}}
{{- define "metallb-svc.podEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: NODE_NAME
  valueFrom:
    fieldRef:
      fieldPath: spec.nodeName
{{- end -}}

{{/* The label of this chart's `configuration` objects, and the webhook objectSelector that leaves them out. */}}
{{- define "metallb-svc.chartConfigurationLabel" -}}
metallb-svc.io/chart-configuration
{{- end -}}

{{- define "metallb-svc.skipChartConfiguration" -}}
objectSelector:
  matchExpressions:
    - key: {{ include "metallb-svc.chartConfigurationLabel" . }}
      operator: DoesNotExist
{{- end -}}

{{/*
On Kubernetes 1.28+ (matchConditions: beta and on by default in 1.28, GA in 1.30) the API server calls the Service
webhooks for LoadBalancer Services only, instead of for every Service write of the cluster; older servers call them for
every Service and the webhook passes over the rest itself.
*/}}
{{- define "metallb-svc.loadBalancerServicesOnly" -}}
{{- if semverCompare ">=1.28.0-0" .Capabilities.KubeVersion.Version -}}
matchConditions:
  - name: load-balancer-services
    expression: "object.spec.type == 'LoadBalancer'"
{{- end -}}
{{- end -}}
