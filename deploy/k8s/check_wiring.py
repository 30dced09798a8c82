"""What the API schemas cannot check in Siftwire's rendered manifests: that Services reach
container ports, that every workload is probed with the protocol's health message on an
endpoint it binds, that stores sit on persistent volumes, that peers are named by Services that
exist, that CURVE keys come from mounted Secrets, and that the extract Deployment is the one
autoscaled. Exit 1 with one line per problem."""
import sys
import yaml

STATEFUL = {"ingest", "index", "query", "feeds", "web"}
# Answers HTTP, not the protocol's health message: probed with GET /healthz on the port it binds.
HTTP_WORKLOADS = {"web"}
SINGLE_WRITERS = {"ingest", "index", "feeds"}
IMAGE_USER = 10001


def main(path):
    docs = [d for d in yaml.safe_load_all(open(path)) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    problems = []
    workloads = {**by_kind.get("StatefulSet", {}), **by_kind.get("Deployment", {})}
    config = next(iter(by_kind.get("ConfigMap", {}).values()), {}).get("data", {})

    if set(by_kind.get("StatefulSet", {})) != STATEFUL:
        problems.append(f"StatefulSets are {sorted(by_kind.get('StatefulSet', {}))}, expected {sorted(STATEFUL)}")
    if set(by_kind.get("Deployment", {})) != {"extract"}:
        problems.append("extract must be the only Deployment")

    ports_of = {}
    for name, w in workloads.items():
        pod = w["spec"]["template"]["spec"]
        labels = w["spec"]["template"]["metadata"]["labels"]
        if w["spec"]["selector"]["matchLabels"].items() - labels.items():
            problems.append(f"{name}: selector does not match its pod labels")
        if pod.get("securityContext", {}).get("runAsUser") != IMAGE_USER or not pod["securityContext"].get("runAsNonRoot"):
            problems.append(f"{name}: pods must run as the image's non-root user {IMAGE_USER}")
        for c in pod["containers"]:
            env = {e["name"]: e.get("value") for e in c.get("env", [])}
            ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
            ports_of[name] = (labels, ports)
            health = env.get("SIFTWIRE_HEALTH_ENDPOINT", "")
            if name in HTTP_WORKLOADS:
                for probe in ("readinessProbe", "livenessProbe"):
                    if c.get(probe, {}).get("exec", {}).get("command", [])[:2] != ["siftwire-web", "--probe"]:
                        problems.append(f"{name}: {probe} must run `siftwire-web --probe`")
                bind = env.get("SIFTWIRE_WEB_BIND", "")
                if int(bind.rsplit(":", 1)[-1] or 0) not in ports.values():
                    problems.append(f"{name}: SIFTWIRE_WEB_BIND {bind!r} is no containerPort")
                for key in ("SIFTWIRE_QUERY", "SIFTWIRE_INGEST", "SIFTWIRE_QUERY_PUBLISH"):
                    host, _, port = env.get(key, "").removeprefix("tcp://").partition(":")
                    service = by_kind.get("Service", {}).get(host)
                    if not service or int(port or 0) not in [p["port"] for p in service["spec"]["ports"]]:
                        problems.append(f"{name}: {key}={env.get(key)!r}: no Service {host!r} with port {port}")
            else:
                for probe in ("readinessProbe", "livenessProbe"):
                    command = c.get(probe, {}).get("exec", {}).get("command", [])
                    if command[:2] != ["siftwire", "health"]:
                        problems.append(f"{name}: {probe} must run `siftwire health`")
            bound = {v for k, v in env.items() if k.endswith("_BIND")}
            health_port = health.rsplit(":", 1)[-1]
            if name not in HTTP_WORKLOADS and not any(b.rsplit(":", 1)[-1] == health_port for b in bound):
                problems.append(f"{name}: SIFTWIRE_HEALTH_ENDPOINT {health!r} is not an endpoint it binds ({sorted(bound)})")
            for b in bound:
                port = int(b.rsplit(":", 1)[-1])
                if b.startswith("tcp://0.0.0.0:") and port not in ports.values():
                    problems.append(f"{name}: binds {b} but declares no containerPort {port}")
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            if "/data" not in mounts:
                problems.append(f"{name}: no volume at /data (SIFTWIRE_DATA)")
            elif name in STATEFUL:
                claims = {t["metadata"]["name"] for t in w["spec"].get("volumeClaimTemplates", [])}
                if mounts["/data"] not in claims:
                    problems.append(f"{name}: /data is not a PersistentVolumeClaim; its SQLite store would not survive")
            volumes = {v["name"]: v for v in pod.get("volumes", [])}
            for key in ("SIFTWIRE_CURVE_SECRET_KEY_FILE", "SIFTWIRE_CURVE_ALLOW"):
                path = env.get(key)
                if path and not any(path.startswith(m.rstrip("/") + "/") and "secret" in volumes.get(v, {}) for m, v in mounts.items()):
                    problems.append(f"{name}: {key}={path} is not in a mounted Secret (keys never go in images or manifests)")
            if "SIFTWIRE_CURVE_SECRET_KEY" in env:
                problems.append(f"{name}: a secret key written into the manifest (SIFTWIRE_CURVE_SECRET_KEY); mount a Secret")
            if c.get("securityContext", {}).get("readOnlyRootFilesystem") and "/tmp" not in mounts:
                problems.append(f"{name}: read-only root filesystem without a writable /tmp")
        if name in SINGLE_WRITERS and w["spec"].get("replicas", 1) != 1:
            problems.append(f"{name}: must run exactly one replica (single owner of its store)")

    services = by_kind.get("Service", {})
    for name, s in services.items():
        selector = s["spec"].get("selector", {})
        targets = [ports for labels, ports in ports_of.values() if selector and not selector.items() - labels.items()]
        if not targets:
            problems.append(f"Service {name}: selects no workload")
            continue
        for p in s["spec"]["ports"]:
            target = p.get("targetPort", p["port"])
            if not any(target in ports or target in ports.values() for ports in targets):
                problems.append(f"Service {name}: targetPort {target} is no container port of the pods it selects")

    for key in ("SIFTWIRE_INGEST", "SIFTWIRE_WORK", "SIFTWIRE_INDEX", "SIFTWIRE_INDEX_PUBLISH"):
        value = config.get(key, "")
        host, _, port = value.removeprefix("tcp://").partition(":")
        service = services.get(host)
        if not service or int(port or 0) not in [p["port"] for p in service["spec"]["ports"]]:
            problems.append(f"ConfigMap {key}={value!r}: no Service {host!r} with port {port}")

    hpas = by_kind.get("HorizontalPodAutoscaler", {})
    if [h["spec"]["scaleTargetRef"]["name"] for h in hpas.values()] != ["extract"]:
        problems.append("exactly one HorizontalPodAutoscaler, for the extract Deployment")

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
