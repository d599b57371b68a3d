using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Squeeze.Scoring;

/// <summary>
/// BERT's tokenization as Hugging Face's fast tokenizer does it (BertNormalizer without lower-casing, BertPreTokenizer, WordPiece),
/// with every token's span in the original text. Written here because Microsoft.ML.Tokenizers' BertTokenizer drops characters that
/// are not in the vocabulary instead of mapping their word to the unknown token, and joins words across tabs and line breaks.
/// </summary>
/// <remarks>
/// Words: runs of characters between whitespace; each punctuation character (ASCII symbols and Unicode P* categories) and each CJK
/// ideograph is a word of its own; control characters are removed; special tokens written in the text are read as themselves. Uncased models (do_lower_case) match lower-cased pieces without accents. A word is split greedily into the longest vocabulary pieces
/// (continuations carry the "##" prefix); a word with an unmatched rest, or longer than 100 characters, becomes one unknown token.
/// Thread-safe (immutable).
/// </remarks>
internal sealed class WordPieceEncoder
{
    private const int MaxCharsPerWord = 100;
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string _prefix;
    private readonly (string Text, int Id)[] _specials;

    private WordPieceEncoder(Dictionary<string, int> vocab, string prefix, int unknownId, int clsId, int sepId, int padId, bool lowerCase)
    {
        _vocab = vocab;
        _lookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefix = prefix;
        UnknownId = unknownId;
        ClsId = clsId;
        SepId = sepId;
        PadId = padId;
        LowerCase = lowerCase;
        var specials = new List<(string, int)>();
        foreach (string special in (string[])["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"])
        {
            if (vocab.TryGetValue(special, out int id))
            {
                specials.Add((special, id));
            }
        }

        _specials = [.. specials];
    }

    public int VocabularySize => _vocab.Count;

    public int UnknownId { get; }

    public int ClsId { get; }

    public int SepId { get; }

    public int PadId { get; }

    public bool LowerCase { get; }

    /// <summary>Loads vocab.txt (one piece a line, the id being the line number) or, without it, a WordPiece tokenizer.json.</summary>
    public static WordPieceEncoder Load(string directory)
    {
        string vocabPath = Path.Combine(directory, "vocab.txt");
        string jsonPath = Path.Combine(directory, "tokenizer.json");
        bool lowerCase = ReadLowerCase(Path.Combine(directory, "tokenizer_config.json"));
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        string prefix = "##";
        string source;
        if (File.Exists(vocabPath))
        {
            source = vocabPath;
            try
            {
                int id = 0;
                foreach (string line in File.ReadLines(vocabPath, Encoding.UTF8))
                {
                    string piece = line.TrimEnd('\r');
                    vocab.TryAdd(piece, id);
                    id++;
                }
            }
            catch (IOException ex)
            {
                throw new ScorerException(vocabPath, $"cannot be read ({ex.Message}).", ex);
            }
        }
        else if (File.Exists(jsonPath))
        {
            source = jsonPath;
            prefix = ReadTokenizerJson(jsonPath, vocab, ref lowerCase);
        }
        else
        {
            throw new ScorerException(vocabPath, "is missing: a token-classification model folder needs vocab.txt or a WordPiece tokenizer.json.");
        }

        int Need(string token) => vocab.TryGetValue(token, out int id) ? id : throw new ScorerException(source, $"has no \"{token}\" token.");
        return new WordPieceEncoder(vocab, prefix, Need("[UNK]"), Need("[CLS]"), Need("[SEP]"), vocab.TryGetValue("[PAD]", out int pad) ? pad : 0, lowerCase);
    }

    /// <summary>Tokenizes <paramref name="text"/> (no special tokens).</summary>
    /// <param name="text">The text.</param>
    /// <param name="ids">Receives the token ids.</param>
    /// <param name="spans">Receives each token's span in <paramref name="text"/>.</param>
    /// <param name="words">Receives each token's word index (tokens of one word share it).</param>
    public void Encode(string text, List<int> ids, List<TextSpan> spans, List<int> words)
    {
        var piece = new StringBuilder();
        int word = 0;
        int i = 0;
        while (i < text.Length)
        {
            int width = char.IsSurrogatePair(text, i) ? 2 : 1;
            int code = width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if (IsWhitespace(code) || IsControl(code))
            {
                i += width;
                continue;
            }

            int start = i;
            if (MatchSpecial(text, i) is (int length, int specialId))
            {
                ids.Add(specialId);
                spans.Add(new TextSpan(i, length));
                words.Add(word++);
                i += length;
                continue;
            }

            if (IsPunctuation(code) || IsCjk(code))
            {
                i += width;
            }
            else
            {
                while (i < text.Length)
                {
                    int w = char.IsSurrogatePair(text, i) ? 2 : 1;
                    int c = w == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
                    if (IsWhitespace(c) || IsControl(c) || IsPunctuation(c) || IsCjk(c) || MatchSpecial(text, i) is not null)
                    {
                        break;
                    }

                    i += w;
                }
            }

            EncodeWord(text, start, i, word++, piece, ids, spans, words);
        }
    }

    /// <summary>Special tokens written in the text ("[UNK]", "[SEP]", …) are read as themselves, as Hugging Face's tokenizers do.</summary>
    private (int Length, int Id)? MatchSpecial(string text, int at)
    {
        if (text[at] != '[')
        {
            return null;
        }

        foreach ((string special, int id) in _specials)
        {
            if (string.CompareOrdinal(text, at, special, 0, special.Length) == 0)
            {
                return (special.Length, id);
            }
        }

        return null;
    }

    private void EncodeWord(string text, int start, int end, int word, StringBuilder piece, List<int> ids, List<TextSpan> spans, List<int> words)
    {
        int first = ids.Count;
        if (end - start <= MaxCharsPerWord)
        {
            int at = start;
            while (at < end)
            {
                int found = -1;
                int foundEnd = at;
                for (int stop = end; stop > at; stop--)
                {
                    if (stop < end && char.IsLowSurrogate(text[stop]))
                    {
                        continue;
                    }

                    piece.Clear();
                    if (at > start)
                    {
                        piece.Append(_prefix);
                    }

                    AppendNormalized(piece, text.AsSpan(at, stop - at));
                    if (Lookup(piece, out int id))
                    {
                        found = id;
                        foundEnd = stop;
                        break;
                    }
                }

                if (found < 0)
                {
                    ids.RemoveRange(first, ids.Count - first);
                    spans.RemoveRange(first, spans.Count - first);
                    words.RemoveRange(first, words.Count - first);
                    break;
                }

                ids.Add(found);
                spans.Add(TextSpan.FromBounds(at, foundEnd));
                words.Add(word);
                at = foundEnd;
            }

            if (at == end && ids.Count > first)
            {
                return;
            }
        }

        ids.Add(UnknownId);
        spans.Add(TextSpan.FromBounds(start, end));
        words.Add(word);
    }

    private bool Lookup(StringBuilder piece, out int id)
    {
        Span<char> buffer = piece.Length <= 256 ? stackalloc char[piece.Length] : new char[piece.Length];
        piece.CopyTo(0, buffer, piece.Length);
        return _lookup.TryGetValue(buffer, out id);
    }

    /// <summary>Appends <paramref name="text"/> as the vocabulary spells it: as is, or (uncased models) lower-cased without accents.</summary>
    private void AppendNormalized(StringBuilder builder, ReadOnlySpan<char> text)
    {
        if (!LowerCase)
        {
            builder.Append(text);
            return;
        }

        foreach (char c in text)
        {
            if (c < 128)
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            foreach (char d in c.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(char.ToLowerInvariant(d));
                }
            }
        }
    }

    private static bool IsWhitespace(int c) => c is ' ' or '\t' or '\n' or '\r' || (c <= 0xFFFF && CharUnicodeInfo.GetUnicodeCategory((char)c) == UnicodeCategory.SpaceSeparator);

    private static bool IsControl(int c) =>
        c is not ('\t' or '\n' or '\r') && (c == 0 || c == 0xFFFD || CharUnicodeInfo.GetUnicodeCategory(c)
            is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate);

    private static bool IsPunctuation(int c) =>
        c is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsCjk(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    private static bool ReadLowerCase(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return false;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("do_lower_case", out JsonElement lower) && lower.ValueKind == JsonValueKind.True;
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            throw new ScorerException(configPath, $"is not valid JSON ({ex.Message}).", ex);
        }
    }

    private static string ReadTokenizerJson(string path, Dictionary<string, int> vocab, ref bool lowerCase)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.Object
                || !model.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String || type.GetString() != "WordPiece"
                || !model.TryGetProperty("vocab", out JsonElement pieces) || pieces.ValueKind != JsonValueKind.Object)
            {
                throw new ScorerException(path, "is not a WordPiece tokenizer (model.type \"WordPiece\" with a vocab object).");
            }

            foreach (JsonProperty piece in pieces.EnumerateObject())
            {
                if (piece.Value.ValueKind != JsonValueKind.Number || !piece.Value.TryGetInt32(out int id) || id < 0)
                {
                    throw new ScorerException(path, $"gives the piece \"{piece.Name}\" a bad id.");
                }

                vocab.TryAdd(piece.Name, id);
            }

            if (root.TryGetProperty("normalizer", out JsonElement normalizer) && normalizer.ValueKind == JsonValueKind.Object
                && normalizer.TryGetProperty("lowercase", out JsonElement lower))
            {
                lowerCase = lower.ValueKind == JsonValueKind.True;
            }

            return model.TryGetProperty("continuing_subword_prefix", out JsonElement prefix) && prefix.ValueKind == JsonValueKind.String ? prefix.GetString() ?? "##" : "##";
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            throw new ScorerException(path, $"is not a readable tokenizer ({ex.Message}).", ex);
        }
    }
}
