using System.Buffers;

namespace Squeeze.Extractive;

/// <summary>A cleared array rented from <see cref="ArrayPool{T}.Shared"/>; returned on dispose.</summary>
internal readonly struct PooledArray<T> : IDisposable
{
    public PooledArray(int length)
    {
        Array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        System.Array.Clear(Array, 0, Math.Max(length, 1));
        Length = length;
    }

    public T[] Array { get; }

    public int Length { get; }

    public Span<T> Span => Array.AsSpan(0, Length);

    public void Dispose() => ArrayPool<T>.Shared.Return(Array);
}
