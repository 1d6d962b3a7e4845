#!/usr/bin/env bash
# Regenerates the committed PTX from the CUDA C sources, one folder per target architecture:
# backends/cuda/src/main/cuda/*.cu -> src/main/resources/org/joulebench/backend/cuda/ptx/<sm_XX>/*.ptx.
# Targets: sm_75 (Turing), sm_80 (A100), sm_86 (A10, RTX 30), sm_89 (L4, L40S, RTX 40), sm_90 (H100, H200);
# newer chips JIT the sm_90 PTX. Volta (sm_70) is not built: CUDA 13's nvcc no longer targets it.
# nvcc 13 writes PTX ISA 9.0 (which only a CUDA 13 driver, 580+, accepts); each file is then lowered to the
# lowest PTX ISA that its target allows and ptxas accepts for its body (ptxas refuses an instruction newer
# than the ISA declared), so each architecture needs the oldest driver it can. PTX, not cubin.
# The Maven build never runs this; PtxArtefactsTest checks the committed files match (where nvcc is present).
# Usage: build-ptx.sh [OUT_DIR]   (default: the committed resource folder). NVCC, PTXAS name the tools.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/src/main/cuda"
out="${1:-$here/src/main/resources/org/joulebench/backend/cuda/ptx}"
nvcc="${NVCC:-nvcc}"
ptxas="${PTXAS:-ptxas}"
targets="sm_75 sm_80 sm_86 sm_89 sm_90"
# the lowest PTX ISA each target allows (PTX ISA notes: sm_75 6.3, sm_80 7.0, sm_86 7.1, sm_89 7.8, sm_90 7.8)
first_isa() {
    case "$1" in sm_75) echo 6.3 ;; sm_80) echo 7.0 ;; sm_86) echo 7.1 ;; sm_89 | sm_90) echo 7.8 ;; esac
}
isas="6.3 6.4 6.5 7.0 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 8.0 8.1 8.2 8.3 8.4 8.5 8.6 8.7 8.8 9.0"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
for arch in $targets; do
    mkdir -p "$out/$arch"
    for cu in "$src"/*.cu; do
        name="$(basename "$cu" .cu)"
        # -lineinfo off and no absolute paths: the PTX depends only on the source and the compiler version.
        (cd "$src" && "$nvcc" -ptx -arch="$arch" -O3 -std=c++17 -o "$work/$name.ptx" "$name.cu")
        lowest="$(first_isa "$arch")"
        chosen=""
        for isa in $isas; do
            if [ "$(printf '%s\n%s\n' "$lowest" "$isa" | sort -V | head -n 1)" != "$lowest" ]; then continue; fi
            sed "s/^\.version [0-9.]*$/.version $isa/" "$work/$name.ptx" > "$work/try.ptx"
            if "$ptxas" -arch="$arch" -o "$work/try.cubin" "$work/try.ptx" 2> /dev/null; then
                chosen="$isa"
                break
            fi
        done
        if [ -z "$chosen" ]; then
            echo "ptxas accepts $name.ptx for $arch at no PTX ISA version" >&2
            exit 1
        fi
        cp "$work/try.ptx" "$out/$arch/$name.ptx"
    done
done
"$nvcc" --version | tail -n 2 | head -n 1 > "$out/NVCC_VERSION"
echo "$targets" > "$out/ARCHS"
