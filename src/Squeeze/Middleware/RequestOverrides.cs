using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Squeeze.Middleware;

/// <summary>
/// Per-request settings read from <see cref="ChatOptions.AdditionalProperties"/>: "squeeze.disabled" (bool), "squeeze.budget" (tokens),
/// "squeeze.ratio" (number) and "squeeze.query" (text).
/// </summary>
internal readonly record struct RequestOverrides(bool Disabled, CompressionBudget? Budget, string? Query)
{
    public const string DisabledKey = "squeeze.disabled";
    public const string BudgetKey = "squeeze.budget";
    public const string RatioKey = "squeeze.ratio";
    public const string QueryKey = "squeeze.query";

    public static RequestOverrides From(ChatOptions? options)
    {
        AdditionalPropertiesDictionary? properties = options?.AdditionalProperties;
        if (properties is null)
        {
            return default;
        }

        bool disabled = properties.TryGetValue(DisabledKey, out object? d) && d switch
        {
            bool b => b,
            string s => bool.TryParse(s, out bool parsed) && parsed,
            JsonElement e => e.ValueKind == JsonValueKind.True,
            _ => false,
        };
        CompressionBudget? budget = null;
        if (properties.TryGetValue(BudgetKey, out object? tokens))
        {
            double value = ToDouble(tokens) ?? throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{BudgetKey}\"] must be a whole number of tokens.");
            budget = CompressionBudget.FromTokens(checked((int)value));
        }
        else if (properties.TryGetValue(RatioKey, out object? ratio))
        {
            budget = CompressionBudget.FromRatio(ToDouble(ratio) ?? throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{RatioKey}\"] must be a number."));
        }

        string? query = properties.TryGetValue(QueryKey, out object? q) ? q?.ToString() : null;
        return new RequestOverrides(disabled, budget, query);
    }

    private static double? ToDouble(object? value) => value switch
    {
        int i => i,
        long l => l,
        double x => x,
        float f => f,
        decimal m => (double)m,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        _ => null,
    };
}
