using Microsoft.ML.Tokenizers;

namespace Squeeze.Scoring;

/// <summary>Turns text into token ids and each token's characters in the original text.</summary>
internal static class TextEncoder
{
    public static (int[] Ids, TextSpan[] Spans) Encode(Tokenizer tokenizer, string text)
    {
        if (text.Length == 0)
        {
            return ([], []);
        }

        IReadOnlyList<EncodedToken> tokens = tokenizer.EncodeToTokens(text, out _, considerPreTokenization: true, considerNormalization: true);
        var ids = new int[tokens.Count];
        var spans = new TextSpan[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            ids[i] = tokens[i].Id;
            spans[i] = ToSpan(text, tokens[i].Offset);
        }

        return (ids, spans);
    }

    public static int[] EncodeIds(Tokenizer tokenizer, string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        IReadOnlyList<int> ids = tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true);
        var result = new int[ids.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ids[i];
        }

        return result;
    }

    /// <summary>
    /// Maps a tokenizer offset to a span of <paramref name="text"/>, never splitting a surrogate pair: a range that ends on
    /// a high surrogate is widened over its low surrogate, a range that starts on a low surrogate is widened back.
    /// </summary>
    internal static TextSpan ToSpan(string text, Range offset)
    {
        int length = text.Length;
        int start = Math.Clamp(offset.Start.GetOffset(length), 0, length);
        int end = Math.Clamp(offset.End.GetOffset(length), start, length);
        if (start > 0 && start < length && char.IsLowSurrogate(text[start]) && char.IsHighSurrogate(text[start - 1]))
        {
            start--;
        }

        if (end > 0 && end < length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        return TextSpan.FromBounds(start, end);
    }
}
