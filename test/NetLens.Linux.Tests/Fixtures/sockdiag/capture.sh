#!/usr/bin/env bash
# Recaptures this folder's fixtures in a throwaway namespace (needs root, nft, python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ns="nlcap$$"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" python3 "$here/capture.py" "$here"
