#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR and runs the installed llm-tco from another
# directory: the catalog is compiled in, so nothing may depend on the source tree.
#   install_test.sh BUILD_DIR
set -euo pipefail
build="$1"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
DESTDIR="$root" cmake --install "$build" --prefix /usr > /dev/null
bin="$root/usr/bin/llm-tco"
share="$root/usr/share"
fail() { echo "install test: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "no binary at /usr/bin/llm-tco"
[ -s "$share/man/man1/llm-tco.1" ] || fail "no man page"
grep -q '^\.SH EXIT STATUS' "$share/man/man1/llm-tco.1" || fail "the man page has no EXIT STATUS"
[ -s "$share/bash-completion/completions/llm-tco" ] || fail "no bash completion"
[ -s "$share/zsh/vendor-completions/_llm-tco" ] || fail "no zsh completion"
[ -s "$share/fish/vendor_completions.d/llm-tco.fish" ] || fail "no fish completion"
[ -s "$share/llm-tco/docs/profile.schema.json" ] || fail "no schema"
cd "$(mktemp -d)"
out="$("$bin" estimate "$share/llm-tco/profiles/monitoring-agent.yaml")"
grep -q 'cheapest: haiku at \$0.86/month' <<< "$out" || fail "unexpected estimate output: $out"
"$bin" validate "$share"/llm-tco/profiles/*.yaml --each > /dev/null || fail "installed profiles do not validate"
bash -n "$share/bash-completion/completions/llm-tco" || fail "the bash completion does not parse"
# init's $schema comment names the installed schema by a path relative to the new profile.
"$bin" init costs.yaml > /dev/null || fail "init failed"
ref="$(sed -n '1s/^# yaml-language-server: \$schema=//p' costs.yaml)"
case "$ref" in /*|"") fail "init's schema reference is not relative: '$ref'" ;; esac
cmp -s "$ref" "$share/llm-tco/docs/profile.schema.json" || fail "init's schema reference '$ref' is not the installed schema"
"$bin" estimate costs.yaml > /dev/null || fail "init's profile does not estimate"
echo "install test: ok ($(find "$root" -type f | wc -l) files installed)"
