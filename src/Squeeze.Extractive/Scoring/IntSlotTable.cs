using System.Buffers;

namespace Squeeze.Extractive;

/// <summary>An open-addressing set of non-zero int keys over a pooled array; each key gets a slot index for side arrays. Return with <see cref="Dispose"/>.</summary>
internal struct IntSlotTable : IDisposable
{
    private int[] _keys;
    private readonly int _mask;

    public IntSlotTable(int minimumCapacity)
    {
        int capacity = 16;
        while (capacity < minimumCapacity * 2)
        {
            capacity <<= 1;
        }

        _keys = ArrayPool<int>.Shared.Rent(capacity);
        Array.Clear(_keys, 0, capacity);
        _mask = capacity - 1;
    }

    /// <summary>Gets the number of slots; side arrays must be this long.</summary>
    public readonly int Capacity => _mask + 1;

    public readonly int Find(int key)
    {
        int slot = Mix(key) & _mask;
        while (true)
        {
            int k = _keys[slot];
            if (k == key)
            {
                return slot;
            }

            if (k == 0)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Finds the key's slot, adding it if absent. The table must never be filled beyond half its capacity.</summary>
    public readonly int FindOrAdd(int key, out bool added)
    {
        int slot = Mix(key) & _mask;
        while (true)
        {
            int k = _keys[slot];
            if (k == key)
            {
                added = false;
                return slot;
            }

            if (k == 0)
            {
                _keys[slot] = key;
                added = true;
                return slot;
            }

            slot = (slot + 1) & _mask;
        }
    }

    public void Dispose()
    {
        if (_keys is not null)
        {
            ArrayPool<int>.Shared.Return(_keys);
            _keys = null!;
        }
    }

    private static int Mix(int key)
    {
        uint x = (uint)key;
        x ^= x >> 16;
        x *= 0x7feb352d;
        x ^= x >> 15;
        return (int)x;
    }
}
