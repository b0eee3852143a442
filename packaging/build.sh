#!/usr/bin/env bash
# Builds what netlens ships, into artifacts/release (or --out DIR):
#   netlens-VERSION-linux-x64.tar.gz   the NativeAOT binaries (netlens, and netlens-otlp for serve's OTLP push), man pages, shell completions, README (and LICENSE if any)
#   netlens_VERSION_amd64.deb          the same files at Debian's paths; postinst grants capabilities only on request
#   nupkg/                             the dotnet tool: pointer package `netlens`, NativeAOT `netlens.linux-x64` and
#                                      `netlens.linux-arm64`, framework-dependent `netlens.any` for every other platform
# Options:
#   --out DIR        where to put them (default artifacts/release)
#   --binary PATH    package this linux-x64 netlens instead of building one (implies --archives-only)
#   --archives-only  the tarball and the .deb, no tool packages
#   --no-docs        leave out man pages and completions: for checking the rest locally, never for a release
# Needs the .NET 10 SDK, clang or gcc, dpkg-deb and dpkg-shlibdeps (dpkg-dev). linux-arm64 needs an arm64 toolchain
# (on x64: clang, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross); without one it is left out and the summary says so.
set -euo pipefail
umask 022
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/NetLens.Cli/NetLens.Cli.csproj"

out="$root/artifacts/release"
binary=""
tools=1
docs=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --binary) binary="$(realpath "$2")"; given_binary=1; tools=0; shift 2 ;;
    --archives-only) tools=0; shift ;;
    --no-docs) docs=0; shift ;;
    *) echo "packaging: error: unknown option '$1' (see the top of $0)" >&2; exit 2 ;;
  esac
done

fail() { echo "packaging: error: $*" >&2; exit 1; }
say() { echo "== $*"; }

for tool in dpkg-deb dpkg-shlibdeps gzip tar; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install dpkg-dev)"
done

version="$(dotnet msbuild "$project" -getProperty:Version -nologo)"
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || fail "cannot read the version from $project (got '$version')"
mkdir -p "$out"
out="$(realpath "$out")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
notes=()

# dotnet pack globs the publish directory, so every pack gets a fresh one: nothing stale slips into a package.
pack() {
  local rid="$1"; shift
  dotnet pack "$project" -c Release -nologo -o "$out/nupkg" -p:PublishDir="$work/publish/$rid/" "$@"
}

if [[ $tools -eq 1 ]]; then
  rm -rf "$out/nupkg"
  say "tool package netlens.linux-x64 (NativeAOT)"
  pack linux-x64 -r linux-x64
  binary="$work/publish/linux-x64/netlens"
  say "tool package netlens.any (framework-dependent, for every other platform)"
  pack any -r any
  rids="any;linux-x64"

  say "tool package netlens.linux-arm64 (NativeAOT)"
  arm64=()
  if [[ "$(uname -m)" != aarch64 ]]; then
    # Cross-linking: clang targets aarch64 with Debian's cross gcc libraries; GNU objcopy strips only its own arch.
    clang="$(command -v clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14 2>/dev/null | head -n 1 || true)"
    if [[ -n "$clang" ]] && command -v aarch64-linux-gnu-objcopy >/dev/null && [[ -e /usr/aarch64-linux-gnu/lib/libc.so ]]; then
      arm64=(-p:CppCompilerAndLinker="$clang" -p:ObjCopyName=aarch64-linux-gnu-objcopy)
    else
      arm64=(none)
    fi
  fi
  if [[ "${arm64[0]:-}" == none ]]; then
    notes+=("linux-arm64 NOT BUILT: no arm64 toolchain here (needs clang, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross); arm64 hosts get netlens.any")
  elif pack linux-arm64 -r linux-arm64 "${arm64[@]}"; then
    rids="$rids;linux-arm64"
    notes+=("linux-arm64 built by cross-compiling; not run here (no arm64 machine)")
  else
    notes+=("linux-arm64 NOT BUILT: its NativeAOT build failed (above); arm64 hosts get netlens.any")
  fi

  # The pointer package names only the RID packages that exist: a missing one would make `dotnet tool install` fail
  # on that platform instead of falling back to netlens.any.
  say "tool package netlens (pointer: $rids)"
  pack pointer -p:ToolPackageRuntimeIdentifiers="\"$rids\""
elif [[ -z "$binary" ]]; then
  say "NativeAOT binary (linux-x64)"
  dotnet publish "$project" -c Release -r linux-x64 -nologo -o "$work/publish/linux-x64" \
    -p:CopyOutputSymbolsToPublishDirectory=false -p:PublishDocumentationFiles=false
  binary="$work/publish/linux-x64/netlens"
fi
[[ -x "$binary" ]] || fail "no netlens binary at $binary"
"$binary" --version >/dev/null || fail "$binary --version failed"

# netlens-otlp, the CLI with the OpenTelemetry SDK that `serve --otlp-endpoint` hands over to, ships beside netlens.
otlp="$(dirname "$binary")/netlens-otlp"
if [[ ! -x "$otlp" && -z "${given_binary:-}" ]]; then
  say "NativeAOT binary netlens-otlp (linux-x64)"
  dotnet publish "$root/src/NetLens.Cli.Otlp/NetLens.Cli.Otlp.csproj" -c Release -r linux-x64 -nologo -o "$work/publish/otlp" \
    -p:CopyOutputSymbolsToPublishDirectory=false -p:PublishDocumentationFiles=false
  otlp="$work/publish/otlp/netlens-otlp"
fi
[[ -x "$otlp" ]] || fail "no netlens-otlp beside $binary (./netlens builds both into artifacts/bin)"
[[ "$("$otlp" --version)" == "$("$binary" --version)" ]] || fail "$otlp is not the same version as $binary"

# Man pages and completions come from the binary itself, so they always match its commands and options.
docs_dir="$work/docs"
mkdir -p "$docs_dir/man" "$docs_dir/completions"
if [[ $docs -eq 1 ]]; then
  say "man pages and completions (netlens man, netlens completion)"
  for shell in bash zsh fish; do
    "$binary" completion "$shell" >"$docs_dir/completions/$shell" 2>"$work/err" && [[ -s "$docs_dir/completions/$shell" ]] \
      || fail "'netlens completion $shell' failed, so this binary has no completion command: $(head -n 1 "$work/err")"
  done
  "$binary" man "$docs_dir/man" 2>"$work/err" || fail "'netlens man DIR' failed, so this binary has no man command: $(head -n 1 "$work/err")"
  [[ -s "$docs_dir/man/netlens.1" ]] || fail "'netlens man DIR' wrote no netlens.1"
else
  notes+=("--no-docs: the tarball and the .deb have NO man pages and NO completions; not for release")
fi

say "tarball"
name="netlens-$version-linux-x64"
tree="$work/$name"
mkdir -p "$tree"
install -m 0755 "$binary" "$tree/netlens"
install -m 0755 "$otlp" "$tree/netlens-otlp"
install -m 0644 "$root/README.md" "$tree/README.md"
[[ -f "$root/LICENSE" ]] && install -m 0644 "$root/LICENSE" "$tree/LICENSE"
if [[ $docs -eq 1 ]]; then
  mkdir -p "$tree/man/man1" "$tree/completions"
  install -m 0644 "$docs_dir"/man/*.1 "$tree/man/man1/"
  install -m 0644 "$docs_dir/completions/bash" "$tree/completions/netlens.bash"
  install -m 0644 "$docs_dir/completions/zsh" "$tree/completions/_netlens"
  install -m 0644 "$docs_dir/completions/fish" "$tree/completions/netlens.fish"
fi
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"

say "Debian package"
pkg="$work/deb/debian/netlens"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/doc/netlens"
install -m 0755 "$binary" "$pkg/usr/bin/netlens"
install -m 0755 "$otlp" "$pkg/usr/bin/netlens-otlp"
if [[ $docs -eq 1 ]]; then
  mkdir -p "$pkg/usr/share/man/man1" "$pkg/usr/share/bash-completion/completions" \
    "$pkg/usr/share/zsh/vendor-completions" "$pkg/usr/share/fish/vendor_completions.d"
  for page in "$docs_dir"/man/*.1; do
    gzip -9n <"$page" >"$pkg/usr/share/man/man1/$(basename "$page").gz"
  done
  install -m 0644 "$docs_dir/completions/bash" "$pkg/usr/share/bash-completion/completions/netlens"
  install -m 0644 "$docs_dir/completions/zsh" "$pkg/usr/share/zsh/vendor-completions/_netlens"
  install -m 0644 "$docs_dir/completions/fish" "$pkg/usr/share/fish/vendor_completions.d/netlens.fish"
fi
cat >"$pkg/usr/share/doc/netlens/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: netlens

Files: *
License: MIT
EOF
install -m 0755 "$root/packaging/deb/postinst" "$pkg/DEBIAN/postinst"
# Depends from the libraries the binary links and the symbol versions it uses, as Debian's own tooling computes them.
mkdir -p "$work/deb/debian"
printf 'Source: netlens\n\nPackage: netlens\nArchitecture: amd64\n' >"$work/deb/debian/control"
depends="$(cd "$work/deb" && dpkg-shlibdeps -O -e debian/netlens/usr/bin/netlens -e debian/netlens/usr/bin/netlens-otlp 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[[ -n "$depends" ]] || fail "dpkg-shlibdeps found no dependencies for the binary"
cat >"$pkg/DEBIAN/control" <<EOF
Package: netlens
Version: $version
Architecture: amd64
Maintainer: ${NETLENS_DEB_MAINTAINER:-netlens <netlens@invalid>}
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: $depends
Suggests: libcap2-bin
Section: net
Priority: optional
Description: one command for the questions Linux networks are debugged with
 Which way does a packet go, what routes exist and who put them there, how good
 is the path hop by hop, which ports answer, what sockets are open, and how to
 open a port safely, answered as ip, route, mtr, nmap, ss and iptables do, in
 their formats when asked, and then explained. A NativeAOT binary: no runtime.
EOF
deb="$out/netlens_${version}_amd64.deb"
dpkg-deb --build --root-owner-group "$pkg" "$deb" >/dev/null

say "built"
( cd "$out" && ls -l "$name.tar.gz" "$(basename "$deb")" && { [[ $tools -eq 0 ]] || ls -l nupkg; } )
for note in "${notes[@]}"; do
  echo "NOTE: $note"
done
