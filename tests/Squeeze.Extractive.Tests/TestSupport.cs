using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Squeeze.Extractive;

internal static class TestSupport
{
    public static readonly TokenizerTokenCounter Counter = new(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base");

    /// <summary>Six retrieved documents on distinct topics.</summary>
    public const string Documents =
        "Document [1](Title: Volcanoes) Volcanoes form where magma rises through the crust. Eruptions can be explosive or effusive. Mount Etna in Sicily is one of the most active volcanoes in Europe.\n" +
        "Document [2](Title: Photosynthesis) Plants convert sunlight into chemical energy through photosynthesis. Chlorophyll absorbs mostly red and blue light. The process releases oxygen as a by-product.\n" +
        "Document [3](Title: Car maintenance) Regular servicing keeps a car reliable. Change the engine oil every ten thousand kilometres. Check tyre pressure monthly and rotate the tyres twice a year.\n" +
        "Document [4](Title: Jazz) Jazz originated in New Orleans in the early twentieth century. Improvisation is central to the style. Louis Armstrong was an influential trumpeter.\n" +
        "Document [5](Title: Honey bees) Honey bees communicate the location of flowers with a waggle dance. A colony has one queen and thousands of workers. Bees pollinate many food crops.\n" +
        "Document [6](Title: Glaciers) Glaciers are slow rivers of ice that shape valleys. They advance in cold periods and retreat when the climate warms. Many glaciers are shrinking today.\n";

    public static SegmentCompressionRequest Request(string text, int budget, string? query = null) => new(text, budget, Counter) { Query = query };

    /// <summary>Checks that the result is the kept spans, in order, joined by the marker where text was dropped.</summary>
    public static void AssertBuiltFromSpans(string source, CompressedText result, string marker)
    {
        var expected = new System.Text.StringBuilder();
        int cursor = 0;
        foreach (TextSpan span in result.KeptSpans)
        {
            Assert.True(span.Start >= cursor, "Kept spans out of order or overlapping.");
            if (span.Start > cursor)
            {
                expected.Append(marker);
            }

            expected.Append(source, span.Start, span.Length);
            cursor = span.End;
        }

        if (result.KeptSpans.Count > 0 && cursor < source.Length)
        {
            expected.Append(marker);
        }

        Assert.Equal(expected.ToString(), result.Text);
    }
}

/// <summary>A deterministic language model: a question word costs 0.5 nats when the prefix contains it, 5 otherwise.</summary>
internal sealed class FakeTokenScorer : ITokenScorer
{
    public int Calls { get; private set; }

    public Action? OnCall { get; set; }

    public string Name => "fake-lm";

    public Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        Calls++;
        OnCall?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<TokenScores>(inputs.Count);
        foreach (ScoringInput input in inputs)
        {
            var spans = new List<TextSpan>();
            var surprisal = new List<float>();
            int i = 0;
            string t = input.Text;
            while (i < t.Length)
            {
                if (!char.IsLetterOrDigit(t[i]))
                {
                    i++;
                    continue;
                }

                int start = i;
                while (i < t.Length && char.IsLetterOrDigit(t[i]))
                {
                    i++;
                }

                string word = t[start..i];
                spans.Add(TextSpan.FromBounds(start, i));
                surprisal.Add(input.Prefix is not null && input.Prefix.Contains(word, StringComparison.OrdinalIgnoreCase) ? 0.5f : 5f);
            }

            results.Add(new TokenScores(t, new int[spans.Count], [.. spans], [.. surprisal]));
        }

        return Task.FromResult<IReadOnlyList<TokenScores>>(results);
    }

    public IScoringSession CreateSession() => new PrefixScoringSession(this);
}

/// <summary>Deterministic bag-of-concepts embeddings: synonyms share a dimension, so "automobile" matches "car".</summary>
internal sealed class BagOfWordsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly string[][] _concepts =
    [
        ["car", "automobile", "vehicle", "engine", "tyre", "tyres", "tire", "tires", "servicing", "maintenance", "upkeep"],
        ["volcano", "volcanoes", "magma", "eruption", "eruptions", "lava"],
        ["plant", "plants", "photosynthesis", "chlorophyll", "leaf", "leaves"],
        ["jazz", "music", "trumpeter", "improvisation"],
        ["bee", "bees", "honey", "colony", "pollinate"],
        ["glacier", "glaciers", "ice"],
    ];

    public int Calls { get; private set; }

    public int Embedded { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        cancellationToken.ThrowIfCancellationRequested();
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (string value in values)
        {
            Embedded++;
            var vector = new float[_concepts.Length + 1];
            foreach (string raw in value.Split([' ', '.', ',', '(', ')', ':', '\n', '?'], StringSplitOptions.RemoveEmptyEntries))
            {
                string word = raw.ToLowerInvariant();
                int dim = Array.FindIndex(_concepts, c => Array.IndexOf(c, word) >= 0);
                vector[dim < 0 ? _concepts.Length : dim] += dim < 0 ? 0.05f : 1f;
            }

            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
