using System.Diagnostics;
using System.Text;
using Squeeze.Pipeline;

namespace Squeeze.Cli;

/// <summary>
/// Compresses one large input chunk by chunk, so memory is bounded by a chunk plus the output rather than by the input.
/// The text is read in blocks and cut at paragraph breaks (else line breaks, else whitespace); each chunk is compressed by the
/// pipeline with its share of the budget (a ratio applies to every chunk; a token budget is shared in proportion to the
/// chunk's UTF-8 bytes); the joined output is counted once more with the target tokenizer and, if the joins added tokens,
/// cut to the longest prefix that fits. Where neither side of a join keeps whitespace, the line break that ended the chunk
/// in the input is kept between them, so words of two chunks never run together.
/// </summary>
internal sealed class StreamedCompression(ITokenCounter counter, SqueezeOptions options, int chunkCharacters)
{
    /// <summary>The default chunk size, in characters (about 500k tokens of English).</summary>
    public const int DefaultChunkCharacters = 2 * 1024 * 1024;

    private const int BlockCharacters = 64 * 1024;

    /// <summary>Compresses everything <paramref name="reader"/> holds after <paramref name="head"/>, which was read from it already.</summary>
    /// <param name="reader">The rest of the input.</param>
    /// <param name="head">Text already read from the input (may be empty).</param>
    /// <param name="totalBytes">The input's size in UTF-8 bytes; needed, and only used, when the budget is a token count.</param>
    /// <param name="kind">What the text is (document or code).</param>
    /// <param name="language">The code language, for code.</param>
    /// <param name="query">The question the kept text must serve.</param>
    /// <param name="budget">The budget of the whole input.</param>
    /// <param name="cancellationToken">Cancels the compression.</param>
    public async Task<(string Text, CompressionReport Report)> CompressAsync(
        TextReader reader, string head, long totalBytes, SegmentKind kind, string? language, string? query, CompressionBudget budget, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        bool shared = budget.Ratio <= 0;
        int totalBudget = shared ? budget.Resolve(0) : 0;
        var pipeline = new CompressionPipeline(counter, options);
        var pending = new StringBuilder(head, chunkCharacters + BlockCharacters);
        var block = new char[BlockCharacters];
        var output = new StringBuilder();
        var methods = new List<string>();
        long bytesSoFar = 0;
        int budgetSoFar = 0, tokensBefore = 0;
        string previousBreak = string.Empty;
        bool ended = false;
        while (!ended || pending.Length > 0)
        {
            while (!ended && pending.Length < chunkCharacters)
            {
                int read = await reader.ReadAsync(block, cancellationToken).ConfigureAwait(false);
                ended = read == 0;
                pending.Append(block, 0, read);
            }

            int cut = ended && pending.Length <= chunkCharacters ? pending.Length : FindCut(pending, chunkCharacters);
            string chunk = pending.ToString(0, cut);
            pending.Remove(0, cut);
            bool last = ended && pending.Length == 0;
            if (chunk.Contains('\0', StringComparison.Ordinal))
            {
                throw new CliInputException("The input contains NUL characters (a binary file?); squeeze compresses text only.");
            }

            // A ratio goes to the pipeline as it is (it resolves it against the chunk's tokens, which it counts anyway); a token
            // budget is shared by bytes.
            CompressionBudget chunkBudget = budget;
            if (shared)
            {
                bytesSoFar += Encoding.UTF8.GetByteCount(chunk);
                int due = last || totalBytes <= 0 ? totalBudget : (int)Math.Min(totalBudget, totalBudget * (double)bytesSoFar / totalBytes);
                chunkBudget = due > budgetSoFar ? CompressionBudget.FromTokens(due - budgetSoFar) : default;
            }

            string compressed = string.Empty;
            if (chunkBudget.IsSet)
            {
                CompressionResult result = await pipeline.CompressAsync(
                    [new ContextSegment(chunk, kind) { Language = language }], query, chunkBudget, cancellationToken).ConfigureAwait(false);
                compressed = result.Texts[0];
                tokensBefore += result.Report.TokensBefore;
                budgetSoFar += result.Report.Budget;
                string method = result.Report.Segments[0].Method;
                if (!methods.Contains(method))
                {
                    methods.Add(method);
                }
            }
            else
            {
                tokensBefore += counter.CountTokens(chunk);
            }

            if (compressed.Length > 0)
            {
                if (output.Length > 0 && !char.IsWhiteSpace(output[^1]) && !char.IsWhiteSpace(compressed[0]))
                {
                    output.Append(previousBreak);
                }

                output.Append(compressed);
            }

            previousBreak = TrailingLineBreak(chunk);
        }

        string text = output.ToString();
        int after = counter.CountTokens(text);
        if (after > budgetSoFar)
        {
            int length = counter.GetPrefixLength(text, budgetSoFar);
            if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            {
                length--;
            }

            text = text[..length];
            after = counter.CountTokens(text);
        }

        var report = new SegmentReport(kind, SegmentOrigin.None, string.Join('+', methods), tokensBefore, after);
        return (text, new CompressionReport([report], counter.Name, budgetSoFar, tokensBefore, after, Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>Where to end a chunk: after the last paragraph break in its second half, else the last line break, else whitespace.</summary>
    internal static int FindCut(StringBuilder text, int chunkCharacters)
    {
        int limit = Math.Min(text.Length, chunkCharacters);
        int floor = limit / 2;
        int lineBreak = -1, space = -1;
        for (int i = limit - 1; i >= floor; i--)
        {
            char c = text[i];
            if (c == '\n')
            {
                if (i > 0 && text[i - 1] == '\n')
                {
                    return i + 1;
                }

                lineBreak = lineBreak < 0 ? i + 1 : lineBreak;
            }
            else if (space < 0 && char.IsWhiteSpace(c))
            {
                space = i + 1;
            }
        }

        int cut = lineBreak > 0 ? lineBreak : space > 0 ? space : limit;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut = cut > 1 ? cut - 1 : Math.Min(text.Length, cut + 1);
        }

        return cut;
    }

    private static string TrailingLineBreak(string chunk) =>
        chunk.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : chunk.EndsWith('\n') ? "\n" : chunk.EndsWith(' ') ? " " : string.Empty;
}
