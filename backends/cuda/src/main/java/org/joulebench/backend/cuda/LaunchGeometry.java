package org.joulebench.backend.cuda;

/**
 * How one kernel is launched: grid and block sizes (threads) and dynamic shared memory in bytes.
 *
 * @param gridX blocks along x
 * @param gridY blocks along y
 * @param blockX threads per block along x
 * @param sharedBytes dynamic shared memory per block, bytes
 */
public record LaunchGeometry(int gridX, int gridY, int blockX, int sharedBytes) {
    /** CUDA's limit on gridDim.y (gridDim.x may be up to 2^31-1). */
    public static final int MAX_GRID_Y = 65_535;

    public LaunchGeometry {
        if (gridX < 1 || gridY < 1 || gridY > MAX_GRID_Y || blockX < 1 || blockX > 1024 || sharedBytes < 0) {
            throw new IllegalArgumentException("invalid launch geometry: grid " + gridX + "x" + gridY + ", block "
                    + blockX + ", shared " + sharedBytes + " B");
        }
    }

    /** Blocks in the grid. */
    public long blocks() {
        return (long) gridX * gridY;
    }

    /** A 1-D grid-stride launch over {@code n} elements: enough blocks to fill the chip, capped. */
    public static LaunchGeometry gridStride(long n, int threads, int maxBlocks) {
        long blocks = Math.max(1, Math.min(maxBlocks, ceilDiv(n, threads)));
        return new LaunchGeometry((int) blocks, 1, threads, 0);
    }

    /** A 2-D tiling of an {@code rows x cols} output by {@code tileRows x tileCols} blocks. */
    public static LaunchGeometry tiles(long rows, long cols, int tileRows, int tileCols, int threads) {
        long gx = Math.max(1, ceilDiv(cols, tileCols));
        long gy = Math.max(1, ceilDiv(rows, tileRows));
        if (gx > Integer.MAX_VALUE || gy > MAX_GRID_Y) {
            throw new IllegalArgumentException("output " + rows + "x" + cols + " needs a grid of " + gx + "x" + gy
                    + " tiles, beyond CUDA's grid limits");
        }
        return new LaunchGeometry((int) gx, (int) gy, threads, 0);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
