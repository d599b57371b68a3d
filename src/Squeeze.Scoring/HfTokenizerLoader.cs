using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Squeeze.Scoring;

/// <summary>Builds a byte-level <see cref="BpeTokenizer"/> from a Hugging Face tokenizer.json.</summary>
internal static partial class HfTokenizerLoader
{
    public const string FileName = "tokenizer.json";

    /// <summary>The GPT-2 pre-tokenizer pattern (what Hugging Face's ByteLevel(use_regex=true) applies).</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>
    /// The longest one pre-tokenizer match may take. The GPT-2 pattern matches in linear time and needs microseconds; the limit
    /// stops a pattern from a model folder that backtracks catastrophically (<c>(a+)+$</c>) from stalling the host.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The largest vocabulary accepted (ids up to 2^24 - 1), so that a hostile id cannot make the loader allocate gigabytes.</summary>
    public const int MaxVocabularySize = 1 << 24;

    public static (TextEncoder Encoder, int VocabularySize) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScorerException(path, "is missing: a model folder needs a Hugging Face tokenizer.json.");
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument doc = JsonDocument.Parse(stream);
            return Build(path, doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new ScorerException(path, $"is not valid JSON ({ex.Message}).", ex);
        }
        catch (IOException ex)
        {
            throw new ScorerException(path, $"cannot be read ({ex.Message}).", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ScorerException(path, $"does not describe a usable byte-level BPE tokenizer ({ex.Message}).", ex);
        }
    }

    [GeneratedRegex(Gpt2Pattern, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Gpt2Regex();

    private static (TextEncoder, int) Build(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new ScorerException(path, "has no \"model\" object.");
        }

        string? type = model.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
        if (type is not null && type != "BPE")
        {
            throw new ScorerException(path, $"describes a \"{type}\" model; only byte-level BPE tokenizers are supported.");
        }

        if (!model.TryGetProperty("vocab", out JsonElement vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            throw new ScorerException(path, "has no model.vocab object.");
        }

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        int maxId = -1;
        foreach (JsonProperty entry in vocabElement.EnumerateObject())
        {
            int id = entry.Value.GetInt32();
            if (id < 0)
            {
                throw new ScorerException(path, $"has the negative token id {id} in model.vocab.");
            }

            vocab[entry.Name] = id;
            maxId = Math.Max(maxId, id);
        }

        if (vocab.Count == 0)
        {
            throw new ScorerException(path, "has an empty model.vocab.");
        }

        var merges = new List<string>();
        if (model.TryGetProperty("merges", out JsonElement mergesElement) && mergesElement.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement merge in mergesElement.EnumerateArray())
            {
                if (merge.ValueKind == JsonValueKind.String)
                {
                    merges.Add(merge.GetString()!);
                }
                else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
                {
                    merges.Add(string.Concat(merge[0].GetString(), " ", merge[1].GetString()));
                }
                else
                {
                    throw new ScorerException(path, "has a merge that is neither \"a b\" nor [\"a\", \"b\"].");
                }
            }
        }

        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out JsonElement added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement token in added.EnumerateArray())
            {
                string content = token.GetProperty("content").GetString()!;
                int id = token.GetProperty("id").GetInt32();
                if (id < 0)
                {
                    throw new ScorerException(path, $"has the negative token id {id} in added_tokens.");
                }

                specials[content] = id;
                maxId = Math.Max(maxId, id);
            }
        }

        if (root.TryGetProperty("normalizer", out JsonElement normalizer) && normalizer.ValueKind != JsonValueKind.Null)
        {
            throw new ScorerException(path, $"uses a normalizer ({normalizer.GetRawText()}), which is not supported.");
        }

        var patterns = new List<string>();
        bool byteLevel = false;
        if (root.TryGetProperty("pre_tokenizer", out JsonElement pre) && pre.ValueKind == JsonValueKind.Object)
        {
            CollectPreTokenizers(path, pre, patterns, ref byteLevel);
        }

        if (!byteLevel)
        {
            throw new ScorerException(path, "has no ByteLevel pre-tokenizer; only byte-level BPE tokenizers are supported.");
        }

        IReadOnlyDictionary<string, int>? specialTokens = specials.Count > 0 ? specials : null;
        PreTokenizer preTokenizer = patterns.Count switch
        {
            0 => new RegexPreTokenizer(Gpt2Regex(), specialTokens),
            1 => new RegexPreTokenizer(Compile(patterns[0]), specialTokens),
            _ => new CompositePreTokenizer(patterns.ConvertAll(p => (PreTokenizer)new RegexPreTokenizer(Compile(p), null)), specialTokens),
        };

        if (maxId >= MaxVocabularySize)
        {
            throw new ScorerException(path, $"has the token id {maxId}; ids of at most {MaxVocabularySize - 1} are supported.");
        }

        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            ByteLevel = true,
            SpecialTokens = specialTokens,
            PreTokenizer = preTokenizer,
        };
        var encoder = new TextEncoder(BpeTokenizer.Create(options), TextEncoder.ByteLengths(vocab, specialTokens, maxId + 1));
        return (encoder, maxId + 1);
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);

    private static void CollectPreTokenizers(string path, JsonElement pre, List<string> patterns, ref bool byteLevel)
    {
        string? type = pre.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
        switch (type)
        {
            case "ByteLevel":
                byteLevel = true;
                if (pre.TryGetProperty("add_prefix_space", out JsonElement aps) && aps.ValueKind == JsonValueKind.True)
                {
                    throw new ScorerException(path, "uses ByteLevel add_prefix_space=true, which is not supported.");
                }

                bool useRegex = !pre.TryGetProperty("use_regex", out JsonElement ur) || ur.ValueKind != JsonValueKind.False;
                if (useRegex)
                {
                    patterns.Add(Gpt2Pattern);
                }

                break;
            case "Split":
                if (pre.TryGetProperty("pattern", out JsonElement pattern) && pattern.TryGetProperty("Regex", out JsonElement regex))
                {
                    patterns.Add(regex.GetString()!);
                }
                else if (pattern.ValueKind == JsonValueKind.Object && pattern.TryGetProperty("String", out JsonElement literal))
                {
                    patterns.Add(Regex.Escape(literal.GetString()!));
                }

                break;
            case "Sequence":
                foreach (JsonElement inner in pre.GetProperty("pretokenizers").EnumerateArray())
                {
                    CollectPreTokenizers(path, inner, patterns, ref byteLevel);
                }

                break;
            default:
                throw new ScorerException(path, $"uses the pre-tokenizer \"{type}\", which is not supported.");
        }
    }
}
