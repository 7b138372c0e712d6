#!/usr/bin/env bash
# The dry-run step of a CI pipeline: plan this directory with no credentials and no state lock,
# keep the JSON lines as an artifact, write the pull-request comment (plan.md), print the summary, and
# map minitf's exit codes:
#   0 no changes, 2 changes pending (both succeed here), 1 error (the step fails).
# MINITF overrides the command (default: npx --no-install minitf).
set -uo pipefail
cd "$(dirname "$0")"
minitf=${MINITF:-npx --no-install minitf}
# As in a Terraform pipeline: init first (it checks the configuration, modules, providers and the
# backend, and downloads nothing), then the plan.
$minitf init -input=false -no-color > init.log || { cat init.log; echo "dry-run: init failed"; exit 1; }
$minitf plan -input=false -lock=false -refresh=false -detailed-exitcode -json -out=dry-run.tfplan "$@" > plan.jsonl
code=$?
# The pull-request comment: the saved plan as Markdown (summary, table by action, one diff per resource).
if [ "$code" -ne 1 ]; then
  $minitf show -markdown dry-run.tfplan > plan.md || { echo "dry-run: show -markdown failed"; exit 1; }
fi
# Print the human messages of the summary and of every diagnostic.
node -e '
  for (const line of require("fs").readFileSync("plan.jsonl", "utf8").split("\n")) {
    if (!line.trim()) continue;
    const m = JSON.parse(line);
    if (m.type === "change_summary" || m.type === "diagnostic") console.log(m["@message"]);
    if (m.type === "diagnostic" && m.diagnostic.detail) console.log("  " + m.diagnostic.detail);
  }'
case $code in
  0) echo "dry-run: no changes" ;;
  2) echo "dry-run: changes pending (see plan.jsonl and plan.md)" ;;
  *) echo "dry-run: plan failed (exit $code)"; exit 1 ;;
esac
