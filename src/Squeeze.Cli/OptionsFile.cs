using Microsoft.Extensions.Configuration;

namespace Squeeze.Cli;

/// <summary>Reads and writes options files: JSON with a "Squeeze" section, the same shape <c>AddSqueeze(configuration.GetSection("Squeeze"))</c> binds.</summary>
internal static class OptionsFile
{
    public const string Section = "Squeeze";

    public static SqueezeOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"Options file not found: '{path}'.");
        }

        try
        {
            IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
            var options = new SqueezeOptions();
            configuration.GetSection(Section).Bind(options);
            options.Validate();
            return options;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            throw new CliInputException($"Options file '{path}' is not valid: {ex.Message}", ex);
        }
    }

    public static string Write(CompressionMethod method, double ratio, string tokenizer) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $$"""
            {
              "{{Section}}": {
                "Method": "{{method}}",
                "Ratio": {{ratio}},
                "TargetEncoding": "{{tokenizer}}"
              }
            }

            """);
}
