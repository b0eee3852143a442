#!/usr/bin/env bash
# Start-up of the two builds issue 14 packages: the NativeAOT binary (the linux-x64/linux-arm64 tool packages, the
# release tarball, the .deb) against the framework-dependent build (the netlens.any tool package, run as its
# Runner="dotnet" runs it: dotnet netlens.dll), for `netlens --version` and `netlens route get 127.0.0.1`.
# Before any timing both builds' outputs are compared byte for byte (exit 1 on a difference).
# Needs python3, hyperfine and the .NET SDK; builds ./netlens and a framework-dependent publish outside the timings.
# Usage: bench/tool-startup.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_netlens

# the framework-dependent build the netlens.any package carries: the same project with AOT off
dotnet publish "$bench_root/src/NetLens.Cli/NetLens.Cli.csproj" -c Release -p:PublishAot=false -o "$out/fdd" -v quiet -nologo >/dev/null
fdd=(dotnet "$out/fdd/netlens.dll")

for args in "--version" "route get 127.0.0.1"; do
  # shellcheck disable=SC2086 # the words of $args are the command's arguments
  "$bin" $args >"$out/native.txt"
  # shellcheck disable=SC2086
  "${fdd[@]}" $args >"$out/fdd.txt"
  # the version's +COMMIT is the commit each build was made from (./netlens rebuilds only when sources changed)
  sed -i 's/+[0-9a-f]\{40\}$//' "$out/native.txt" "$out/fdd.txt"
  bench_same "netlens $args: framework-dependent vs native" "$out/fdd.txt" "$out/native.txt"
done

bench_machine
for args in "--version" "route get 127.0.0.1"; do
  bench_hyperfine "**Start-up (bench/tool-startup.sh): \`netlens $args\`**" --warmup 5 --runs 100 -N \
    -n "framework-dependent (dotnet netlens.dll) $args" "${fdd[*]} $args" \
    -n "native (NativeAOT) $args" "$bin $args"
done
