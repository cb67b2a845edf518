#!/usr/bin/env bash
# The stacks this repository deploys, as GitHub step outputs (name=value lines): only those
# named in .github/deployed-stacks, one per line (# starts a comment), each with a regular
# Pulumi.<name>.yaml. Deploying is opt-in, so that the sample dev stack, or a fork that adds
# secrets, deploys nothing until a stack is declared.
#   all            every declared stack, as a JSON list (the drift check)
#   dev            true when dev is declared (deployed first, on every push)
#   others         the declared stacks but dev (deployed after it, each in its environment)
#   organizations  declared stacks with an organization key (deployed daily)
set -euo pipefail
list=.github/deployed-stacks
names=()
if [ -f "$list" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    name=$(printf '%s' "${line%%#*}" | tr -d '[:space:]')
    [ -n "$name" ] || continue
    if ! [[ "$name" =~ ^[A-Za-z0-9_.-]{1,100}$ ]]; then echo "::error::$list: not a stack name: $(printf '%q' "$name")" >&2; exit 1; fi
    if [ ! -f "Pulumi.$name.yaml" ] || [ -L "Pulumi.$name.yaml" ]; then echo "::error::$list names $name, but Pulumi.$name.yaml is not a regular file" >&2; exit 1; fi
    names+=("$name")
  done < "$list"
fi

json() { if [ $# -eq 0 ]; then echo "[]"; else printf '%s\n' "$@" | sort -u | jq -R . | jq -sc .; fi; }
dev=false
others=()
organizations=()
for name in ${names[@]+"${names[@]}"}; do
  if [ "$name" = dev ]; then dev=true; else others+=("$name"); fi
  if grep -qE '^[[:space:]]+(sentinel-aws:)?organization:' "Pulumi.$name.yaml"; then organizations+=("$name"); fi
done
echo "all=$(json ${names[@]+"${names[@]}"})"
echo "dev=$dev"
echo "others=$(json ${others[@]+"${others[@]}"})"
echo "organizations=$(json ${organizations[@]+"${organizations[@]}"})"
