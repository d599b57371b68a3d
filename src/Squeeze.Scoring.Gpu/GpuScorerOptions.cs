namespace Squeeze.Scoring.Gpu;

/// <summary>Settings of a <see cref="GpuTokenScorer"/>: the device, windowing and limits.</summary>
public sealed class GpuScorerOptions
{
    /// <summary>Gets or sets the device: "cuda" (an NVIDIA GPU), "cpu" (ILGPU's CPU accelerator: slow, for tests and machines without a GPU) or "auto" (CUDA when present, else the CPU accelerator).</summary>
    /// <value>The default is "cuda".</value>
    public string Device
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Device));
            string device = value.Trim().ToLowerInvariant();
            if (device is not ("cuda" or "cpu" or "auto"))
            {
                throw new ArgumentOutOfRangeException(nameof(Device), value, "Device must be \"cuda\", \"cpu\" or \"auto\".");
            }

            field = device;
        }
    } = "cuda";

    /// <summary>Gets or sets the index of the CUDA device.</summary>
    /// <value>The default is 0.</value>
    public int DeviceId
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(DeviceId));
            field = value;
        }
    }

    /// <summary>Gets or sets the most tokens the model reads at once; longer inputs are scored in overlapping windows.</summary>
    /// <value>The default is 512, never more than the model's maximum positions.</value>
    public int WindowSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2, nameof(WindowSize));
            field = value;
        }
    } = 512;

    /// <summary>Gets or sets the fewest tokens of left context every scored token has when a text spans several windows.</summary>
    /// <value>The default is 128; it must be less than <see cref="WindowSize"/>.</value>
    public int MinLeftContext
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MinLeftContext));
            field = value;
        }
    } = 128;

    /// <summary>Gets or sets the most tokens (rows × padded length) of one forward pass; it bounds the device memory of the activations and logits.</summary>
    /// <value>The default is 16,384.</value>
    public int MaxBatchTokens
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 16, nameof(MaxBatchTokens));
            field = value;
        }
    } = 16_384;

    /// <summary>Gets or sets the most tokens one input (begin token, prefix and text together) may have.</summary>
    /// <value>The default is 1,048,576.</value>
    public int MaxInputTokens
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2, nameof(MaxInputTokens));
            field = value;
        }
    } = 1 << 20;

    internal void Validate()
    {
        if (MinLeftContext >= WindowSize)
        {
            throw new ArgumentException($"MinLeftContext ({MinLeftContext}) must be less than WindowSize ({WindowSize}).");
        }

        if (MaxBatchTokens < WindowSize)
        {
            throw new ArgumentException($"MaxBatchTokens ({MaxBatchTokens}) must hold at least one window ({WindowSize} tokens).");
        }
    }

    internal GpuScorerOptions Clone() => (GpuScorerOptions)MemberwiseClone();
}
