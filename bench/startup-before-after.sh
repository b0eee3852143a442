#!/usr/bin/env bash
# Start-up of the one-shot commands before and after a change (issue 13: the OpenTelemetry SDK and serve's HTTP server
# must not slow `netlens route get`): the NativeAOT binary of an earlier commit against ./netlens, for
# `netlens --version` and `netlens route get 127.0.0.1`, beside `ip route get 127.0.0.1` in the same run.
# Before timing, both builds' `route get` answers are compared with each other (exit 1 on a difference).
# Needs python3, hyperfine and the .NET SDK. Usage: bench/startup-before-after.sh COMMIT
#   (BEFORE_BIN=/path/to/netlens skips building COMMIT and times that binary as "before").
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
commit="${1:?usage: bench/startup-before-after.sh COMMIT}"
bench_netlens
before="${BEFORE_BIN:-}"
if [[ -z "$before" ]]; then
  git -C "$bench_root" worktree add --detach "$out/before-src" "$commit" >/dev/null 2>&1
  bench_on_exit "git -C '$bench_root' worktree remove --force '$out/before-src'"
  dotnet publish "$out/before-src/src/NetLens.Cli/NetLens.Cli.csproj" -c Release -r linux-x64 -o "$out/before-bin" -nologo -v quiet >/dev/null
  before="$out/before-bin/netlens"
fi

"$before" route get 127.0.0.1 >"$out/before.txt"
"$bin" route get 127.0.0.1 >"$out/after.txt"
bench_same "netlens route get 127.0.0.1: before ($commit) vs after" "$out/before.txt" "$out/after.txt"
echo "binary size: before $(stat -c %s "$before") bytes, after $(stat -c %s "$bin") bytes"
bench_machine
bench_hyperfine "**Start-up before/after (bench/startup-before-after.sh $commit): \`route get 127.0.0.1\`**" --warmup 10 --runs 200 -N \
  -n "ip route get 127.0.0.1" "ip route get 127.0.0.1" \
  -n "netlens route get (before, $commit)" "$before route get 127.0.0.1" \
  -n "netlens route get (after)" "$bin route get 127.0.0.1"
bench_hyperfine "**Start-up before/after (bench/startup-before-after.sh $commit): \`--version\`**" --warmup 10 --runs 200 -N \
  -n "netlens --version (before, $commit)" "$before --version" \
  -n "netlens --version (after)" "$bin --version"
