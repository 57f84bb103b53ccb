#!/usr/bin/env bash
# Formats the C++ sources with the project's .clang-format (Google style), or,
# with --check, lists the files that differ from it and exits 1 if any do.
#   scripts/format.sh           rewrite every tracked .cc/.h in place
#   scripts/format.sh --check   change nothing; `make test` runs this
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format=clang-format-14
command -v "$clang_format" >/dev/null || {
  echo "format: $clang_format not found (Debian package clang-format-14)" >&2
  exit 2
}

# Not *.h.in: CMake's @VARIABLE@ templates are not C++ until configured.
mapfile -t files < <(git ls-files -- '*.cc' '*.h')
if [[ ${#files[@]} -eq 0 ]]; then
  echo "format: no C++ files tracked here" >&2
  exit 2
fi

case "${1:-}" in
  "")
    "$clang_format" -i --style=file "${files[@]}"
    ;;
  --check)
    differing=()
    for file in "${files[@]}"; do
      "$clang_format" --style=file --dry-run --Werror "$file" 2>/dev/null ||
        differing+=("$file")
    done
    if [[ ${#differing[@]} -gt 0 ]]; then
      echo "format: ${#differing[@]} of ${#files[@]} C++ files differ from .clang-format:" >&2
      printf '  %s\n' "${differing[@]}" >&2
      echo "format: run \`make format\` to fix them" >&2
      exit 1
    fi
    echo "format: ${#files[@]} C++ files match .clang-format"
    ;;
  -h|--help)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "format: unknown argument '$1' (try --help)" >&2
    exit 2
    ;;
esac
