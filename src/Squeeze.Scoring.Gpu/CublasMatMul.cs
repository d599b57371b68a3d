using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// Matrix products through cuBLAS's single-precision strided-batched product (plain FP32, no TF32), called through the C API of
/// libcublas on the accelerator's stream and context, so they order with the ILGPU kernels around them: the linear layers and
/// attention's scores and weighted values. Absent when no libcublas loads, and then <see cref="LlamaForward"/> uses its own kernels.
/// </summary>
internal sealed unsafe class CublasMatMul : IDisposable
{
    private const int OperationNone = 0;
    private const int OperationTranspose = 1;
    private static readonly string[] _libraryNames = ["libcublas.so.13", "libcublas.so.12", "libcublas.so", "cublas64_13.dll", "cublas64_12.dll"];

    private readonly CudaAccelerator _accelerator;
    private readonly IntPtr _library;
    private readonly IntPtr _handle;
    private readonly delegate* unmanaged<IntPtr, int> _destroy;
    private readonly delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, long, IntPtr, int, long, float*, IntPtr, int, long, int, int> _sgemm;

    private CublasMatMul(CudaAccelerator accelerator, IntPtr library, IntPtr handle, IntPtr destroy, IntPtr sgemm)
    {
        _accelerator = accelerator;
        _library = library;
        _handle = handle;
        _destroy = (delegate* unmanaged<IntPtr, int>)destroy;
        _sgemm = (delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, long, IntPtr, int, long, float*, IntPtr, int, long, int, int>)sgemm;
    }

    /// <summary>Opens cuBLAS on <paramref name="accelerator"/>'s stream; <see langword="null"/> when no libcublas loads or it fails to start.</summary>
    public static CublasMatMul? TryCreate(CudaAccelerator accelerator)
    {
        IntPtr library = IntPtr.Zero;
        foreach (string name in _libraryNames)
        {
            if (NativeLibrary.TryLoad(name, out library))
            {
                break;
            }
        }

        if (library == IntPtr.Zero)
        {
            return null;
        }

        if (!NativeLibrary.TryGetExport(library, "cublasCreate_v2", out IntPtr create)
            || !NativeLibrary.TryGetExport(library, "cublasDestroy_v2", out IntPtr destroy)
            || !NativeLibrary.TryGetExport(library, "cublasSetStream_v2", out IntPtr setStream)
            || !NativeLibrary.TryGetExport(library, "cublasSgemmStridedBatched", out IntPtr sgemm))
        {
            NativeLibrary.Free(library);
            return null;
        }

        accelerator.Bind();
        IntPtr handle;
        if (((delegate* unmanaged<IntPtr*, int>)create)(&handle) != 0)
        {
            NativeLibrary.Free(library);
            return null;
        }

        IntPtr stream = ((CudaStream)accelerator.DefaultStream).StreamPtr;
        if (((delegate* unmanaged<IntPtr, IntPtr, int>)setStream)(handle, stream) != 0)
        {
            _ = ((delegate* unmanaged<IntPtr, int>)destroy)(handle);
            NativeLibrary.Free(library);
            return null;
        }

        return new CublasMatMul(accelerator, library, handle, destroy, sgemm);
    }

    /// <summary>c[rows, columns] = a[rows, inner] · w[columns, inner]ᵀ, all dense and row-major: a linear layer.</summary>
    public void Run(ArrayView<float> a, ArrayView<float> w, ArrayView<float> c, int rows, int inner, int columns) =>
        Multiply(new(a, inner, 0), new(w, inner, 0), transposeB: true, new(c, columns, 0), rows, inner, columns, batch: 1, alpha: 1f);

    /// <summary>
    /// For each of <paramref name="batch"/> products: c[rows, columns] = alpha · a[rows, inner] · b, where b is [columns, inner]
    /// transposed when <paramref name="transposeB"/>, else [inner, columns]; row-major with the given row and batch strides
    /// (cuBLAS, column-major, computes cᵀ = op(b)ᵀ · aᵀ on the same memory).
    /// </summary>
    public void Multiply(StridedMatrices a, StridedMatrices b, bool transposeB, StridedMatrices c, int rows, int inner, int columns, int batch, float alpha)
    {
        _accelerator.Bind();
        float beta = 0f;
        int status = _sgemm(
            _handle, transposeB ? OperationTranspose : OperationNone, OperationNone, columns, rows, inner, &alpha,
            b.View.LoadEffectiveAddressAsPtr(), b.RowStride, b.BatchStride,
            a.View.LoadEffectiveAddressAsPtr(), a.RowStride, a.BatchStride, &beta,
            c.View.LoadEffectiveAddressAsPtr(), c.RowStride, c.BatchStride, batch);
        if (status != 0)
        {
            throw new ScorerException($"cuBLAS's matrix product failed with status {status} ({batch} × {rows}×{inner} by {inner}×{columns}).");
        }
    }

    public void Dispose()
    {
        _accelerator.Bind();
        _ = _destroy(_handle);
        NativeLibrary.Free(_library);
    }
}

/// <summary>A batch of row-major matrices in one view: element (i, j) of matrix b at b·BatchStride + i·RowStride + j.</summary>
internal readonly record struct StridedMatrices(ArrayView<float> View, int RowStride, long BatchStride);
