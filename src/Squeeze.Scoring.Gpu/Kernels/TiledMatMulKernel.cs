using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// c[n, m] = Σ_k a[n, k] · w[m, k]: activations times a weight matrix stored as PyTorch does ([out, in]). Each group of
/// <see cref="Tile"/>×<see cref="Tile"/> threads computes one tile of c, staging tiles of a and w through shared memory.
/// </summary>
internal static class TiledMatMulKernel
{
    public const int Tile = 16;

    public static KernelConfig Config(int rows, int columns) =>
        new(new Index2D((columns + Tile - 1) / Tile, (rows + Tile - 1) / Tile), new Index2D(Tile, Tile));

    public static void Run(ArrayView<float> a, ArrayView<float> w, ArrayView<float> c, int rows, int inner, int columns)
    {
        var aTile = SharedMemory.Allocate2D<float, Stride2D.DenseX>(new Index2D(Tile, Tile), new Stride2D.DenseX(Tile));
        var wTile = SharedMemory.Allocate2D<float, Stride2D.DenseX>(new Index2D(Tile, Tile), new Stride2D.DenseX(Tile));
        int tx = Group.IdxX;
        int ty = Group.IdxY;
        int row = (Grid.IdxY * Tile) + ty;
        int column = (Grid.IdxX * Tile) + tx;
        int wRow = (Grid.IdxX * Tile) + ty;
        float sum = 0f;
        for (int k0 = 0; k0 < inner; k0 += Tile)
        {
            int k = k0 + tx;
            aTile[ty, tx] = row < rows && k < inner ? a[((long)row * inner) + k] : 0f;
            wTile[ty, tx] = wRow < columns && k < inner ? w[((long)wRow * inner) + k] : 0f;
            Group.Barrier();
            for (int t = 0; t < Tile; t++)
            {
                sum += aTile[ty, t] * wTile[tx, t];
            }

            Group.Barrier();
        }

        if (row < rows && column < columns)
        {
            c[((long)row * columns) + column] = sum;
        }
    }
}
