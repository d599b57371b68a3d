namespace Squeeze.TokenPruning;

internal static class TestData
{
    private static readonly Lazy<string[]> _passages = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "passages.txt"))
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static IReadOnlyList<string> Passages => _passages.Value;

    public static string AllPassages => string.Join("\n\n", Passages);

    public const string OddUnicode = "Caf\u00e9 \u0065\u0301t\u00e9 \U0001F600\U0001F44D\uFE0F \u05E9\u05DC\u05D5\u05DD \u200Bzero\u200Dwidth\r\nline two \uD800 lone \uDC00 surrogates 3.14 \u0661\u0662\u0663 end?";
}
