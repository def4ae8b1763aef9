#!/usr/bin/env bash
# Builds the Native AOT Lambda bootstrap and zips it for serverless.template.
#
#   build/package-lambda.sh [x86_64|arm64] [--check] [--no-build]
#
# Produces artifacts/lambda-<arch>.zip, copies it to artifacts/lambda.zip (the CodeUri in
# serverless.template) and writes the architecture to artifacts/lambda.arch so the deploy can pass
# the matching Architecture parameter. --check only reports missing prerequisites; --no-build zips
# an earlier publish in artifacts/lambda/<arch>. Nothing is installed: missing tools are listed
# with the command that installs them.
set -euo pipefail

arch="x86_64"
check_only=false
build=true
for arg in "$@"; do
    case "$arg" in
        x86_64 | amd64 | x64) arch="x86_64" ;;
        arm64 | aarch64) arch="arm64" ;;
        --check) check_only=true ;;
        --no-build) build=false ;;
        -h | --help)
            sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "unknown argument: $arg (expected x86_64, arm64, --check or --no-build)" >&2
            exit 2
            ;;
    esac
done

case "$arch" in
    x86_64) rid="linux-x64" ;;
    arm64) rid="linux-arm64" ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

project="src/VoicePay.Function/VoicePay.Function.csproj"
publish_dir="artifacts/lambda/$arch"
zip_path="artifacts/lambda-$arch.zip"
template_zip="artifacts/lambda.zip"

host_arch="$(uname -m)"
missing=()

command -v dotnet > /dev/null 2>&1 || missing+=("dotnet SDK (see global.json): https://dotnet.microsoft.com/download")
# Native AOT links with clang on Linux and needs the zlib development files.
command -v clang > /dev/null 2>&1 || missing+=("clang: apt-get install clang zlib1g-dev")
if ! { [ -e /usr/include/zlib.h ] || ldconfig -p 2> /dev/null | grep -q 'libz\.so '; }; then
    missing+=("zlib headers: apt-get install zlib1g-dev")
fi
if [ "$arch" = "arm64" ] && [ "$host_arch" != "aarch64" ] && [ "$host_arch" != "arm64" ]; then
    # Cross-linking needs an arm64 sysroot; building on an arm64 machine is simpler.
    command -v aarch64-linux-gnu-gcc > /dev/null 2>&1 || missing+=("arm64 cross toolchain: apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu (and zlib1g-dev:arm64), or build on an arm64 host")
fi
if ! command -v zip > /dev/null 2>&1 && ! command -v python3 > /dev/null 2>&1; then
    missing+=("zip or python3: apt-get install zip")
fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "Missing prerequisites for the $arch Native AOT build:" >&2
    for item in "${missing[@]}"; do
        echo "  - $item" >&2
    done
    exit 1
fi

if $check_only; then
    echo "All prerequisites found for $arch ($rid)."
    exit 0
fi

if $build; then
    echo "Publishing $project for $rid (Native AOT, this takes a few minutes)..."
    rm -rf "$publish_dir"
    dotnet publish "$project" -c Release -r "$rid" -o "$publish_dir"
fi

bootstrap="$publish_dir/bootstrap"
if [ ! -f "$bootstrap" ]; then
    echo "publish did not produce $bootstrap" >&2
    exit 1
fi
chmod 755 "$bootstrap"

# The package is bootstrap plus any native library publish put beside it (none today: SQLite is
# compiled out of the function, see VoicePay.Function.csproj), which
# the runtime loads from the same directory. Symbols (.dbg, .pdb) and XML docs stay out.
package_files=(bootstrap)
for library in "$publish_dir"/*.so; do
    if [ -e "$library" ]; then
        package_files+=("$(basename "$library")")
    fi
done

# provided.al2023 ships glibc 2.34; a binary linked on a newer distro can need newer symbols.
if command -v objdump > /dev/null 2>&1; then
    newest_glibc="$(cd "$publish_dir" && objdump -T "${package_files[@]}" 2> /dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1 || true)"
    if [ -n "$newest_glibc" ] && [ "$(printf '%s\n2.34\n' "$newest_glibc" | sort -V | tail -n 1)" != "2.34" ]; then
        echo "WARNING: the package needs glibc $newest_glibc but provided.al2023 has 2.34." >&2
        echo "         Build inside an Amazon Linux 2023 container instead (see docs/deployment.md)." >&2
    fi
fi

mkdir -p artifacts
rm -f "$zip_path"
if command -v zip > /dev/null 2>&1; then
    # Files at the zip root, -X: no extra attributes; the execute bit is kept.
    (cd "$publish_dir" && zip -X -q "$repo_root/$zip_path" "${package_files[@]}")
else
    # The zipfile CLI stores top-level arguments by base name and keeps the file mode.
    (cd "$publish_dir" && python3 -m zipfile -c "$repo_root/$zip_path" "${package_files[@]}")
fi
cp "$zip_path" "$template_zip"
printf '%s\n' "$arch" > artifacts/lambda.arch

size="$(du -h "$zip_path" | cut -f1)"
echo "Built $zip_path ($size: ${package_files[*]}) and copied it to $template_zip."
echo "Deploy with:"
echo "  sam deploy --guided --template-file serverless.template --parameter-overrides Architecture=$arch"
