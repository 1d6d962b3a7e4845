#!/usr/bin/env bash
# Regenerates the committed PTX from the CUDA C sources: backends/cuda/src/main/cuda/*.cu ->
# src/main/resources/org/joulebench/backend/cuda/ptx/*.ptx, for sm_90 (Hopper). PTX, not cubin, so newer
# chips JIT it; it needs a driver that accepts this nvcc's PTX ISA (nvcc 13 -> a CUDA 13 driver).
# The Maven build never runs this; PtxArtefactsTest checks the committed files match (where nvcc is present).
# Usage: build-ptx.sh [OUT_DIR]   (default: the committed resource folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/src/main/cuda"
out="${1:-$here/src/main/resources/org/joulebench/backend/cuda/ptx}"
arch="${JOULEBENCH_CUDA_ARCH:-sm_90}"
nvcc="${NVCC:-nvcc}"
mkdir -p "$out"
for cu in "$src"/*.cu; do
    name="$(basename "$cu" .cu)"
    # -lineinfo off and no absolute paths: the PTX depends only on the source and the compiler version.
    (cd "$src" && "$nvcc" -ptx -arch="$arch" -O3 -std=c++17 -o "$out/$name.ptx" "$name.cu")
done
"$nvcc" --version | tail -n 2 | head -n 1 > "$out/NVCC_VERSION"
echo "$arch" > "$out/ARCH"
