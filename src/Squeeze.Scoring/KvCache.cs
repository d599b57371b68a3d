using System.Buffers;

namespace Squeeze.Scoring;

/// <summary>The key/value cache of one incremental session: per layer, keys and values laid out [heads, past, headDim] (batch 1).</summary>
internal sealed class KvCache : IDisposable
{
    public KvCache(int layers, int heads, int headDim, int capacityTokens)
    {
        Heads = heads;
        HeadDim = headDim;
        CapacityTokens = capacityTokens;
        int size = Math.Max(1, heads * headDim * capacityTokens);
        Keys = new float[layers][];
        Values = new float[layers][];
        for (int i = 0; i < layers; i++)
        {
            Keys[i] = ArrayPool<float>.Shared.Rent(size);
            Values[i] = ArrayPool<float>.Shared.Rent(size);
        }
    }

    public float[][] Keys { get; }

    public float[][] Values { get; }

    public int Heads { get; }

    public int HeadDim { get; }

    public int CapacityTokens { get; }

    /// <summary>Gets or sets the number of cached positions.</summary>
    public int PastLength { get; set; }

    public void Dispose()
    {
        for (int i = 0; i < Keys.Length; i++)
        {
            if (Keys[i].Length > 0)
            {
                ArrayPool<float>.Shared.Return(Keys[i]);
                ArrayPool<float>.Shared.Return(Values[i]);
                Keys[i] = [];
                Values[i] = [];
            }
        }

        PastLength = 0;
    }
}
