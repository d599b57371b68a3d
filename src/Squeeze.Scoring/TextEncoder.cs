using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Squeeze.Scoring;

/// <summary>
/// Turns text into token ids and each token's characters in the original text. For a byte-level BPE tokenizer the spans come
/// from the ids alone: each id stands for a known number of UTF-8 bytes, which are walked along the text, so no token string is
/// created (ML.Tokenizers' <c>EncodeToTokens</c> allocates one per token). A span that ends or starts inside a character covers
/// the whole character, and a surrogate pair is never split: the spans equal <c>EncodeToTokens</c>' offsets widened that way.
/// </summary>
internal sealed class TextEncoder
{
    private readonly int[] _byteLengths;

    /// <summary>Creates an encoder for a byte-level BPE tokenizer whose token <paramref name="byteLengths"/> are known, indexed by id.</summary>
    public TextEncoder(Tokenizer tokenizer, int[] byteLengths)
    {
        Tokenizer = tokenizer;
        _byteLengths = byteLengths;
    }

    /// <summary>Gets the tokenizer.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>
    /// The UTF-8 length of each token of a byte-level BPE vocabulary: a vocabulary entry has one character per byte (GPT-2's
    /// byte-to-character table), an added token is its content as UTF-8.
    /// </summary>
    public static int[] ByteLengths(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyDictionary<string, int>? addedTokens, int size)
    {
        var lengths = new int[size];
        foreach (KeyValuePair<string, int> entry in vocabulary)
        {
            lengths[entry.Value] = entry.Key.Length;
        }

        if (addedTokens is not null)
        {
            foreach (KeyValuePair<string, int> entry in addedTokens)
            {
                lengths[entry.Value] = Encoding.UTF8.GetByteCount(entry.Key);
            }
        }

        return lengths;
    }

    public (int[] Ids, TextSpan[] Spans) Encode(string text)
    {
        int[] ids = EncodeIds(text);
        var spans = new TextSpan[ids.Length];
        int start = 0;            // the character holding the token's first byte
        long startByte = 0;       // UTF-8 offset of that character
        long tokenByte = 0;       // UTF-8 offset of the token
        for (int t = 0; t < ids.Length; t++)
        {
            long tokenEnd = tokenByte + _byteLengths[ids[t]];
            while (start < text.Length)
            {
                int length = Utf8Length(text, start, out int width);
                if (startByte + length > tokenByte)
                {
                    break;
                }

                startByte += length;
                start += width;
            }

            int end = start;
            long endByte = startByte;
            while (end < text.Length && endByte < tokenEnd)
            {
                endByte += Utf8Length(text, end, out int width);
                end += width;
            }

            spans[t] = TextSpan.FromBounds(start, end);
            tokenByte = tokenEnd;
        }

        return (ids, spans);
    }

    public int[] EncodeIds(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        IReadOnlyList<int> ids;
        try
        {
            ids = Tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new ScorerException(
                $"The tokenizer's pre-tokenizer pattern \"{ex.Pattern}\" took longer than {(int)ex.MatchTimeout.TotalMilliseconds} ms on one piece of the input " +
                "(it backtracks catastrophically); fix the Split pattern in the model folder's tokenizer.json.",
                ex);
        }

        var result = new int[ids.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int id = ids[i];
            result[i] = (uint)id < (uint)_byteLengths.Length ? id : throw new ScorerException($"The tokenizer produced token id {id}, outside its vocabulary of {_byteLengths.Length}.");
        }

        return result;
    }

    /// <summary>The UTF-8 length of the character at <paramref name="index"/>; <paramref name="width"/> is 2 for a surrogate pair, else 1.</summary>
    private static int Utf8Length(string text, int index, out int width)
    {
        char c = text[index];
        width = 1;
        if (c < 0x80)
        {
            return 1;
        }

        if (c < 0x800)
        {
            return 2;
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return 4;
        }

        return 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD, 3 bytes)
    }
}
