using System.Globalization;
using System.Text.Json;

namespace Squeeze.Scoring.Gpu;

/// <summary>The parts of a Hugging Face <c>LlamaForCausalLM</c> config.json that the forward pass needs, validated.</summary>
internal sealed record LlamaConfig(
    int HiddenSize, int Layers, int Heads, int KvHeads, int HeadDim, int IntermediateSize, int VocabSize, int MaxPositions,
    float RmsNormEps, float RopeTheta, bool TiedEmbeddings, int BosTokenId)
{
    /// <summary>Largest dimension accepted, so that hostile configs cannot ask for absurd allocations.</summary>
    private const int MaxDimension = 1 << 20;

    public static LlamaConfig Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScorerException(path, "is missing: the GPU scorer needs a Llama config.json.");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScorerException(path, "is not a JSON object.");
            }

            string type = root.TryGetProperty("model_type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? string.Empty : string.Empty;
            if (type != "llama")
            {
                throw new ScorerException(path, $"has model_type \"{type}\"; the GPU scorer runs Llama-architecture models only.");
            }

            int hidden = Int(root, "hidden_size", path);
            int heads = Int(root, "num_attention_heads", path);
            int kvHeads = OptionalInt(root, "num_key_value_heads", path) ?? heads;
            int headDim = OptionalInt(root, "head_dim", path) ?? hidden / heads;
            if (kvHeads == 0)
            {
                throw new ScorerException(path, "has \"num_key_value_heads\" = 0; it must be positive.");
            }

            if (heads % kvHeads != 0)
            {
                throw new ScorerException(path, $"has {heads} attention heads, not a multiple of its {kvHeads} key/value heads.");
            }

            if (headDim % 2 != 0 || headDim > 256)
            {
                throw new ScorerException(path, $"has head_dim {headDim}; the GPU scorer supports even head sizes up to 256.");
            }

            float theta = 10_000f;
            if (root.TryGetProperty("rope_parameters", out JsonElement rope) && rope.ValueKind == JsonValueKind.Object)
            {
                if (rope.TryGetProperty("rope_type", out JsonElement ropeType) && ropeType.ValueKind == JsonValueKind.String && ropeType.GetString() != "default")
                {
                    throw new ScorerException(path, $"uses rope_type \"{ropeType.GetString()}\"; the GPU scorer supports the default RoPE only.");
                }

                theta = OptionalFloat(rope, "rope_theta") ?? theta;
            }

            theta = OptionalFloat(root, "rope_theta") ?? theta;
            if (root.TryGetProperty("rope_scaling", out JsonElement scaling) && scaling.ValueKind == JsonValueKind.Object)
            {
                throw new ScorerException(path, "sets rope_scaling; the GPU scorer supports the default RoPE only.");
            }

            return new LlamaConfig(
                hidden, Int(root, "num_hidden_layers", path), heads, kvHeads, headDim, Int(root, "intermediate_size", path), Int(root, "vocab_size", path),
                OptionalInt(root, "max_position_embeddings", path) ?? 2048, OptionalFloat(root, "rms_norm_eps") ?? 1e-6f, theta,
                !root.TryGetProperty("tie_word_embeddings", out JsonElement tie) || tie.ValueKind != JsonValueKind.False,
                OptionalInt(root, "bos_token_id", path) ?? OptionalInt(root, "eos_token_id", path) ?? 0);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            throw new ScorerException(path, $"is not a readable config ({ex.Message}).", ex);
        }
    }

    private static int Int(JsonElement root, string name, string path)
    {
        int value = OptionalInt(root, name, path) ?? throw new ScorerException(path, $"has no \"{name}\".");
        return value > 0 ? value : throw new ScorerException(path, $"has \"{name}\" = 0; it must be positive.");
    }

    private static int? OptionalInt(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int result) || result < 0 || result > MaxDimension)
        {
            throw new ScorerException(path, string.Create(CultureInfo.InvariantCulture, $"has \"{name}\" = {value.GetRawText()}; expected a whole number from 0 to {MaxDimension}."));
        }

        return result;
    }

    private static float? OptionalFloat(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d) && d > 0 ? (float)d : null;
}
