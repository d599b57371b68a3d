using System.Globalization;
using ILGPU;
using ILGPU.Runtime;

namespace Squeeze.Scoring.Gpu;

/// <summary>The weights of a Llama model on the device, read from model.safetensors (F16/BF16 widened to float32).</summary>
internal sealed class LlamaWeights : IDisposable
{
    private readonly List<MemoryBuffer1D<float, Stride1D.Dense>> _buffers = [];

    private LlamaWeights()
    {
    }

    public ArrayView<float> Embedding { get; private set; }

    public ArrayView<float> LmHead { get; private set; }

    public ArrayView<float> FinalNorm { get; private set; }

    public LayerWeights[] Layers { get; private set; } = [];

    public static LlamaWeights Load(Accelerator accelerator, SafetensorsFile file, LlamaConfig c)
    {
        var w = new LlamaWeights();
        try
        {
            long d = c.HiddenSize;
            long q = (long)c.Heads * c.HeadDim;
            long kv = (long)c.KvHeads * c.HeadDim;
            long f = c.IntermediateSize;
            w.Embedding = w.Upload(accelerator, file, "model.embed_tokens.weight", c.VocabSize, d);
            w.FinalNorm = w.Upload(accelerator, file, "model.norm.weight", d);
            w.LmHead = c.TiedEmbeddings || !file.Contains("lm_head.weight") ? w.Embedding : w.Upload(accelerator, file, "lm_head.weight", c.VocabSize, d);
            w.Layers = new LayerWeights[c.Layers];
            for (int i = 0; i < c.Layers; i++)
            {
                string p = string.Create(CultureInfo.InvariantCulture, $"model.layers.{i}.");
                w.Layers[i] = new LayerWeights(
                    w.Upload(accelerator, file, p + "input_layernorm.weight", d),
                    w.Upload(accelerator, file, p + "self_attn.q_proj.weight", q, d),
                    w.Upload(accelerator, file, p + "self_attn.k_proj.weight", kv, d),
                    w.Upload(accelerator, file, p + "self_attn.v_proj.weight", kv, d),
                    w.Upload(accelerator, file, p + "self_attn.o_proj.weight", d, q),
                    w.Upload(accelerator, file, p + "post_attention_layernorm.weight", d),
                    w.Upload(accelerator, file, p + "mlp.gate_proj.weight", f, d),
                    w.Upload(accelerator, file, p + "mlp.up_proj.weight", f, d),
                    w.Upload(accelerator, file, p + "mlp.down_proj.weight", d, f));
            }

            return w;
        }
        catch
        {
            w.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (MemoryBuffer1D<float, Stride1D.Dense> buffer in _buffers)
        {
            buffer.Dispose();
        }

        _buffers.Clear();
    }

    private ArrayView<float> Upload(Accelerator accelerator, SafetensorsFile file, string name, params long[] shape)
    {
        float[] values = file.ReadFloats(name, shape);
        MemoryBuffer1D<float, Stride1D.Dense> buffer = accelerator.Allocate1D(values);
        _buffers.Add(buffer);
        return buffer.View;
    }

    /// <summary>One decoder layer: attention (norm, q/k/v/o projections) and the SwiGLU MLP (norm, gate/up/down projections).</summary>
    internal sealed record LayerWeights(
        ArrayView<float> AttentionNorm, ArrayView<float> Q, ArrayView<float> K, ArrayView<float> V, ArrayView<float> O,
        ArrayView<float> MlpNorm, ArrayView<float> Gate, ArrayView<float> Up, ArrayView<float> Down);
}
