using System.Text;
using System.Text.Json;

namespace Squeeze.Cli;

public sealed class CompressRepositoryTests
{
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");

    private static string CSharpFile(string prefix, int functions)
    {
        var builder = new StringBuilder("using System;\n\nnamespace Shop;\n\npublic static class ").Append(prefix).Append("Functions\n{\n");
        for (int f = 0; f < functions; f++)
        {
            builder.Append("    public static decimal ").Append(prefix).Append("Step").Append(f).Append("(decimal amount)\n    {\n");
            for (int line = 0; line < 6; line++)
            {
                builder.Append("        amount = Math.Round(amount * ").Append(line + 2).Append("m / ").Append(f + 3).Append("m, 2);\n");
            }

            builder.Append("        return amount;\n    }\n\n");
        }

        builder.Append("    public static decimal ComputeSalesTax(decimal net, decimal rate)\n    {\n        decimal tax = Math.Round(net * rate, 2, MidpointRounding.ToEven);\n        return tax;\n    }\n}\n");
        return builder.ToString();
    }

    [Fact]
    public async Task Compress_CodeFolder_RanksFunctionsAcrossFiles_KeepsTheNamedOneWithinBudget()
    {
        string folder = Directory.CreateTempSubdirectory("squeeze-repo-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "Billing.cs"), CSharpFile("Billing", 12));
            await File.WriteAllTextAsync(Path.Combine(folder, "Shipping.cs"), CSharpFile("Shipping", 12).Replace("ComputeSalesTax", "ComputeShippingFee", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(folder, "util.py"), string.Concat(Enumerable.Range(0, 15).Select(i => $"def helper_{i}(x):\n    y = x * {i}\n    return y + {i}\n\n\n")));

            (int exit, string stdout, string stderr) = await CliRunner.RunAsync("compress", folder, "--ratio", "4", "--json", "--no-model", "--query", "How is ComputeSalesTax rounded?");

            Assert.True(exit == 0, stderr);
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement[] files = [.. json.RootElement.GetProperty("files").EnumerateArray()];
            Assert.Equal(["Billing.cs", "Shipping.cs", "util.py"], files.Select(f => f.GetProperty("path").GetString()));
            string billing = files[0].GetProperty("text").GetString()!;
            Assert.Contains("decimal tax = Math.Round(net * rate, 2, MidpointRounding.ToEven);", billing, StringComparison.Ordinal);
            int budget = json.RootElement.GetProperty("report").GetProperty("budget").GetInt32();
            Assert.True(files.Sum(f => _o200k.CountTokens(f.GetProperty("text").GetString())) <= budget);
            Assert.All(json.RootElement.GetProperty("report").GetProperty("segments").EnumerateArray(), s => Assert.StartsWith("code-", s.GetProperty("method").GetString(), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Compress_CodeFolderWithCodeUse_RanksWithTheBuiltInClassifierWithinBudget()
    {
        string folder = Directory.CreateTempSubdirectory("squeeze-repo-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "Billing.cs"), CSharpFile("Billing", 8));
            await File.WriteAllTextAsync(Path.Combine(folder, "util.py"), string.Concat(Enumerable.Range(0, 10).Select(i => $"def helper_{i}(x):\n    y = x * {i}\n    return y + {i}\n\n\n")));

            (int exit, string stdout, string stderr) = await CliRunner.RunAsync("compress", folder, "--ratio", "4", "--json", "--code-use", "--query", "How is ComputeSalesTax rounded?");

            Assert.True(exit == 0, stderr);
            Assert.DoesNotContain("warning", stderr, StringComparison.Ordinal);
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement report = json.RootElement.GetProperty("report");
            Assert.All(report.GetProperty("segments").EnumerateArray(), s => Assert.Equal("code-longcodezip-use", s.GetProperty("method").GetString()));
            JsonElement[] files = [.. json.RootElement.GetProperty("files").EnumerateArray()];
            Assert.Contains("decimal tax = Math.Round(net * rate, 2, MidpointRounding.ToEven);", files[0].GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.True(files.Sum(f => _o200k.CountTokens(f.GetProperty("text").GetString())) <= report.GetProperty("budget").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
