# Sourced by deploy/compose-test.sh and deploy/k8s-validate.sh: one counted assertion at a time.
# The sourcing script sets TMP (a scratch folder) and may define log() (default: plain echo);
# PASSED and FAILED count the outcomes for its closing "N passed, M failed" line.
PASSED=0
FAILED=0
declare -F log >/dev/null || log() { echo "$*"; }

check() { # check DESCRIPTION COMMAND...: the command's output is shown when it fails
    local what=$1
    shift
    if "$@" >"$TMP/check.out" 2>&1; then
        PASSED=$((PASSED + 1))
        log "ok   $what"
    else
        FAILED=$((FAILED + 1))
        log "FAIL $what"
        tail -n 20 "$TMP/check.out" | sed 's/^/       /'
    fi
}
