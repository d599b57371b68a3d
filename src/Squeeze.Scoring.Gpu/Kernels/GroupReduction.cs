using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// The sum or maximum of one value per thread over the whole group, through a tree in shared memory. Every thread of the group
/// must call it (it holds barriers) and gets the result; the group size must be a power of two and <c>scratch</c> hold one value
/// per thread.
/// </summary>
internal static class GroupReduction
{
    public static float Sum(ArrayView<float> scratch, float value)
    {
        int t = Group.IdxX;
        scratch[t] = value;
        Group.Barrier();
        for (int stride = Group.DimX / 2; stride > 0; stride /= 2)
        {
            if (t < stride)
            {
                scratch[t] += scratch[t + stride];
            }

            Group.Barrier();
        }

        float total = scratch[0];
        Group.Barrier();
        return total;
    }

    public static float Max(ArrayView<float> scratch, float value)
    {
        int t = Group.IdxX;
        scratch[t] = value;
        Group.Barrier();
        for (int stride = Group.DimX / 2; stride > 0; stride /= 2)
        {
            if (t < stride)
            {
                scratch[t] = MathF.Max(scratch[t], scratch[t + stride]);
            }

            Group.Barrier();
        }

        float max = scratch[0];
        Group.Barrier();
        return max;
    }
}
