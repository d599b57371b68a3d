namespace Squeeze.Scoring;

/// <summary>Settings of an <see cref="OnnxTokenScorer"/>: the execution provider, threads, windowing and limits.</summary>
public sealed class OnnxScorerOptions
{
    /// <summary>Gets or sets the ONNX Runtime execution provider: "cpu", "cuda", "tensorrt", "dml", "coreml", "openvino", "rocm", "migraphx", "dnnl", or any name ONNX Runtime knows.</summary>
    /// <value>The default is "cpu". A provider that the referenced ONNX Runtime package lacks makes loading fail with a <see cref="ScorerException"/>.</value>
    public string ExecutionProvider
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(ExecutionProvider));
            field = value.Trim();
        }
    } = "cpu";

    /// <summary>Gets or sets the device index for GPU execution providers.</summary>
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

    /// <summary>Gets or sets the number of threads ONNX Runtime uses inside one operator.</summary>
    /// <value>The default is the smaller of <see cref="Environment.ProcessorCount"/> and 4; 0 lets ONNX Runtime choose.</value>
    public int IntraOpNumThreads
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(IntraOpNumThreads));
            field = value;
        }
    } = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Gets or sets the most tokens the model reads at once; longer inputs are scored in overlapping windows.</summary>
    /// <value>The default is 0: the "window" of the model's squeeze.json, else 512, never more than the model's maximum positions.</value>
    public int WindowSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(WindowSize));
            if (value is > 0 and < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(WindowSize), value, "WindowSize must be 0 (the model's default) or at least 2.");
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the fewest tokens of left context every scored token has when a text spans several windows (the windows' overlap).</summary>
    /// <value>The default is 128; it must be at least 1 and less than the window size.</value>
    public int MinLeftContext
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MinLeftContext));
            field = value;
        }
    } = 128;

    /// <summary>Gets or sets the most windows run in one batch.</summary>
    /// <value>The default is 4 (on two CPU cores, batches of 2-4 windows of 512 tokens were 13 % faster than 8: smaller intermediate tensors; see docs/benchmarks.md).</value>
    public int MaxBatchSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxBatchSize));
            field = value;
        }
    } = 4;

    /// <summary>Gets or sets the most tokens one input (begin token, prefix and text together) may have; longer inputs are rejected with a <see cref="ScorerException"/>.</summary>
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

    /// <summary>Gets or sets the file name, in the model folder, of the graph that scores whole windows.</summary>
    /// <value>The default is <see langword="null"/>: the "windows" graph of squeeze.json, else surprisal.onnx, else model.onnx.</value>
    public string? GraphFile { get; set; }

    /// <summary>Gets or sets the file name, in the model folder, of the graph with a key/value cache used by incremental sessions; an empty string for none (sessions then rescore with windows).</summary>
    /// <value>The default is <see langword="null"/>: the "incremental" graph of squeeze.json, else surprisal-kv.onnx or model-kv.onnx (matching the windows graph), else the windows graph itself if it takes a cache, else none.</value>
    public string? IncrementalGraphFile { get; set; }

    /// <summary>Checks that the options fit together.</summary>
    /// <exception cref="ArgumentException">An option is out of range or conflicts with another.</exception>
    public void Validate()
    {
        if (WindowSize > 0 && MinLeftContext >= WindowSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MinLeftContext), MinLeftContext, $"MinLeftContext ({MinLeftContext}) must be less than WindowSize ({WindowSize}).");
        }

        if (GraphFile is { Length: 0 })
        {
            throw new ArgumentException("GraphFile must be null (automatic) or a file name.", nameof(GraphFile));
        }
    }

    internal OnnxScorerOptions Clone() => (OnnxScorerOptions)MemberwiseClone();
}
