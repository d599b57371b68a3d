using System.Text.Json;

namespace Squeeze.Scoring;

/// <summary>What squeeze.json and config.json of a model folder say about the model.</summary>
internal sealed class ModelManifest
{
    public const string SqueezeFileName = "squeeze.json";
    public const string ConfigFileName = "config.json";

    public string? WindowsGraph { get; private set; }

    public string? IncrementalGraph { get; private set; }

    public string? CodeUseGraph { get; private set; }

    public int? BosTokenId { get; private set; }

    public int? EosTokenId { get; private set; }

    public int? PadTokenId { get; private set; }

    public int? NumLayers { get; private set; }

    public int? NumKeyValueHeads { get; private set; }

    public int? HeadDim { get; private set; }

    public int? VocabSize { get; private set; }

    public int? MaxPositions { get; private set; }

    public int? Window { get; private set; }

    public static ModelManifest Read(string directory)
    {
        var manifest = new ModelManifest();
        string config = Path.Combine(directory, ConfigFileName);
        if (File.Exists(config))
        {
            using JsonDocument doc = ParseFile(config);
            JsonElement root = doc.RootElement;
            manifest.BosTokenId = GetInt(root, "bos_token_id");
            manifest.EosTokenId = GetInt(root, "eos_token_id");
            manifest.PadTokenId = GetInt(root, "pad_token_id");
            manifest.VocabSize = GetInt(root, "vocab_size");
            manifest.MaxPositions = GetInt(root, "max_position_embeddings") ?? GetInt(root, "n_positions");
            manifest.NumLayers = GetInt(root, "num_hidden_layers") ?? GetInt(root, "n_layer");
            int? heads = GetInt(root, "num_attention_heads") ?? GetInt(root, "n_head");
            manifest.NumKeyValueHeads = GetInt(root, "num_key_value_heads") ?? heads;
            int? hidden = GetInt(root, "hidden_size") ?? GetInt(root, "n_embd");
            manifest.HeadDim = GetInt(root, "head_dim") ?? (hidden is int h && heads is int n && n > 0 ? h / n : null);
        }

        string squeeze = Path.Combine(directory, SqueezeFileName);
        if (File.Exists(squeeze))
        {
            using JsonDocument doc = ParseFile(squeeze);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScorerException(squeeze, "is not a JSON object.");
            }

            string? format = GetString(root, "format", squeeze);
            if (format is not null && !format.StartsWith("squeeze-surprisal/", StringComparison.Ordinal))
            {
                throw new ScorerException(squeeze, $"has the unknown format \"{format}\" (expected squeeze-surprisal/1).");
            }

            if (root.TryGetProperty("graphs", out JsonElement graphs) && graphs.ValueKind == JsonValueKind.Object)
            {
                manifest.WindowsGraph = GetGraphPath(graphs, "windows", directory, squeeze);
                manifest.IncrementalGraph = GetGraphPath(graphs, "incremental", directory, squeeze);
                manifest.CodeUseGraph = GetGraphPath(graphs, "code_use", directory, squeeze);
            }

            manifest.BosTokenId = GetInt(root, "bos_token_id") ?? manifest.BosTokenId;
            manifest.EosTokenId = GetInt(root, "eos_token_id") ?? manifest.EosTokenId;
            manifest.PadTokenId = GetInt(root, "pad_token_id") ?? manifest.PadTokenId;
            manifest.NumLayers = GetInt(root, "num_layers") ?? manifest.NumLayers;
            manifest.NumKeyValueHeads = GetInt(root, "num_kv_heads") ?? GetInt(root, "num_heads") ?? manifest.NumKeyValueHeads;
            manifest.HeadDim = GetInt(root, "head_dim") ?? manifest.HeadDim;
            manifest.VocabSize = GetInt(root, "vocab_size") ?? manifest.VocabSize;
            manifest.MaxPositions = GetInt(root, "max_positions") ?? manifest.MaxPositions;
            manifest.Window = GetInt(root, "window");
        }

        return manifest;
    }

    /// <summary>A graph file named by squeeze.json, which must lie inside the model folder (no rooted path, no escape by "..").</summary>
    private static string? GetGraphPath(JsonElement graphs, string name, string directory, string squeeze)
    {
        string? relative = GetString(graphs, name, squeeze);
        if (relative is null)
        {
            return null;
        }

        string folder = Path.GetFullPath(directory);
        string full = Path.GetFullPath(Path.Combine(folder, relative));
        return Path.IsPathRooted(relative) || !full.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? throw new ScorerException(squeeze, $"names the {name} graph \"{relative}\", which is outside the model folder; graph paths must be relative to it.")
            : relative;
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ScorerException(path, $"is not valid JSON ({ex.Message}).", ex);
        }
        catch (IOException ex)
        {
            throw new ScorerException(path, $"cannot be read ({ex.Message}).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ScorerException(path, $"cannot be read ({ex.Message}).", ex);
        }
    }

    private static int? GetInt(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            value = value[0];
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result) ? result : null;
    }

    private static string? GetString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new ScorerException(path, $"has a \"{name}\" string that is not valid UTF-8 ({ex.Message}).", ex);
        }
    }
}
