using System.CommandLine;
using System.Globalization;
using Squeeze.Pipeline;
using Squeeze.Tuning;

namespace Squeeze.Cli;

/// <summary><c>squeeze tune --data tasks.jsonl</c>: finds, per method, the highest ratio whose answer retention stays above a bar.</summary>
internal static class TuneCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<FileInfo>("--data", "-d") { Description = "Tasks as JSON Lines: {\"context\", \"question\", \"answers\": [...]} per line (.gz allowed).", Required = true };
        var minRetention = new Option<double>("--min-retention") { Description = "The share of tasks whose answers must survive.", DefaultValueFactory = _ => 0.95 };
        minRetention.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 1)
            {
                r.AddError("--min-retention must be in (0, 1].");
            }
        });
        var confidence = new Option<double>("--confidence") { Description = "One-sided confidence of the retention's lower bound.", DefaultValueFactory = _ => 0.9 };
        confidence.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0.5 or >= 1)
            {
                r.AddError("--confidence must be between 0.5 and 1.");
            }
        });
        var methods = new Option<string[]>("--methods") { Description = "Methods to tune: auto, extractive, tokens, code.", DefaultValueFactory = _ => ["auto", "extractive", "tokens"], AllowMultipleArgumentsPerToken = true };
        methods.AcceptOnlyFromAmong("auto", "extractive", "tokens", "code");
        var ratios = new Option<double[]>("--ratios") { Description = "Ratios to try.", DefaultValueFactory = _ => [1.5, 2, 3, 4, 6, 8, 10, 15, 20], AllowMultipleArgumentsPerToken = true };
        var tokenizer = new Option<string>("--tokenizer", "-t") { Description = "Target tokenizer: o200k_base or cl100k_base.", DefaultValueFactory = _ => TargetTokenizers.DefaultEncoding };
        tokenizer.AcceptOnlyFromAmong("o200k_base", "cl100k_base");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the best method and ratio as an options file that --options and AddSqueeze load." };
        var noModel = new Option<bool>("--no-model") { Description = "Use the model-free methods." };

        var command = new Command("tune", "Find the highest safe compression ratio for your own tasks.") { data, minRetention, confidence, methods, ratios, tokenizer, output, noModel };
        command.SetAction(async (parse, cancellationToken) =>
        {
            List<TuningTask> tasks;
            try
            {
                tasks = await TuningTaskReader.ReadAsync(parse.GetRequiredValue(data).FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"squeeze: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Input;
            }

            if (tasks.Count == 0)
            {
                await stderr.WriteLineAsync("squeeze: the task file holds no tasks.").ConfigureAwait(false);
                return ExitCodes.Input;
            }

            string encoding = parse.GetRequiredValue(tokenizer);
            ITokenCounter counter = TargetTokenizers.ForEncoding(encoding);
            var tuner = new BudgetTuner(counter) { Confidence = parse.GetValue(confidence), Ratios = parse.GetRequiredValue(ratios) };
            double bar = parse.GetValue(minRetention);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tasks.Count} tasks, bar {bar:P0} at {tuner.Confidence:P0} confidence, {encoding}")).ConfigureAwait(false);
            await stdout.WriteLineAsync("method      ratio  retained  retention  lower-bound  achieved").ConfigureAwait(false);
            (CompressionMethod Method, double Ratio)? best = null;
            foreach (string name in parse.GetRequiredValue(methods))
            {
                CompressionMethod method = Enum.Parse<CompressionMethod>(name, ignoreCase: true);
                var pipeline = new CompressionPipeline(counter, new SqueezeOptions { Method = method, UseBuiltInModel = !parse.GetValue(noModel), MinCompressibleTokens = 0 });
                TuningResult result = await tuner.TuneAsync(pipeline, tasks, bar, cancellationToken).ConfigureAwait(false);
                foreach (RatioMeasurement m in result.Measurements)
                {
                    await stdout.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{name,-10} {m.Ratio,6:0.##}  {m.Retained,4}/{m.Total,-4}  {m.Retention,9:P1}  {m.LowerBound,11:P1}  {m.AchievedRatio,7:0.0}x")).ConfigureAwait(false);
                }

                await stdout.WriteLineAsync($"{name}: best safe ratio {(result.BestRatio is double r ? r.ToString("0.##", CultureInfo.InvariantCulture) + "x" : "none")}").ConfigureAwait(false);
                if (result.BestRatio is double ratio && (best is null || ratio > best.Value.Ratio))
                {
                    best = (method, ratio);
                }
            }

            if (best is null)
            {
                await stderr.WriteLineAsync("squeeze: no method kept the answers at any ratio tried; no options written.").ConfigureAwait(false);
                return ExitCodes.Compression;
            }

            if (parse.GetValue(output) is FileInfo file)
            {
                await File.WriteAllTextAsync(file.FullName, OptionsFile.Write(best.Value.Method, best.Value.Ratio, encoding), cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"wrote {file.FullName}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
