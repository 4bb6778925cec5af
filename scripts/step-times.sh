# Step timing for scripts/test.sh and scripts/demo.sh (sourced, not run). Each step's wall time is recorded, and
# the table is printed when the script exits, also after a failure (the step in progress then shows how it ended):
#
#   source scripts/step-times.sh
#   step "debug build" swift build --build-tests          # runs the command as one step; its status is returned
#   step_begin "swift tests"; ...; step_end [status]       # a step made of several commands
#   step_record "CDK app (parallel)" SECONDS STATUS        # a step timed elsewhere (e.g. in the background)
#
# The table goes to stderr, after everything else, so it is the last thing in a CI log.
step_names=()
step_seconds=()
step_results=()
step_current=""
step_started=0
step_script_started=$SECONDS

step_record() {
    step_names+=("$1")
    step_seconds+=("$2")
    step_results+=("${3:-0}")
}

step_begin() {
    step_current=$1
    step_started=$SECONDS
}

step_end() {
    [ -n "$step_current" ] || return 0
    step_record "$step_current" "$((SECONDS - step_started))" "${1:-0}"
    step_current=""
}

# step NAME COMMAND...: runs COMMAND as the step NAME and returns its status (so `set -e` still stops on it).
step() {
    local name=$1 status=0
    shift
    step_begin "$name"
    "$@" || status=$?
    step_end "$status"
    return "$status"
}

step_print() {
    local exit_status=$1 i result
    if [ -n "$step_current" ]; then
        step_end "stopped, exit $exit_status"
    fi
    {
        echo "step times ($(basename "$0"), $(nproc) cores):"
        for i in "${!step_names[@]}"; do
            result=${step_results[$i]}
            case "$result" in 0) result="ok" ;; [0-9]*) result="FAILED (exit $result)" ;; esac
            printf '  %-44s %6s  %s\n' "${step_names[$i]}" "$(step_format "${step_seconds[$i]}")" "$result"
        done
        printf '  %-44s %6s  %s\n' "total" "$(step_format "$((SECONDS - step_script_started))")" \
            "$([ "$exit_status" -eq 0 ] && echo ok || echo "exit $exit_status")"
    } >&2
}

step_format() {
    printf '%d:%02d' "$(($1 / 60))" "$(($1 % 60))"
}

trap 'step_print $?' EXIT
