using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Squeeze.Code;
using Squeeze.Pipeline;
using Squeeze.Scoring;

namespace Squeeze.Cli;

/// <summary><c>squeeze compress &lt;file|folder|-&gt;</c>: compresses text to a token budget and prints the result.</summary>
internal static class CompressCommand
{
    private static readonly string[] _codeExtensions =
        [".cs", ".py", ".js", ".jsx", ".ts", ".tsx", ".java", ".go", ".rs", ".c", ".h", ".cc", ".cpp", ".hpp", ".cxx", ".kt", ".swift", ".rb", ".php", ".scala"];

    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "A file, a folder (every text file under it), or - for standard input." };
        var budget = new Option<int?>("--budget", "-b") { Description = "Token budget for the output, counted with the target tokenizer." };
        budget.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--budget must be a positive number of tokens.");
            }
        });
        var ratio = new Option<double?>("--ratio", "-r") { Description = "Compression ratio: input tokens / output tokens (4 keeps a quarter). Default 4 when --budget is not given." };
        ratio.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is double v && (!double.IsFinite(v) || v < 1))
            {
                r.AddError("--ratio must be a number of at least 1.");
            }
        });
        var query = new Option<string?>("--query", "-q") { Description = "The question or instruction the kept text must serve." };
        var method = new Option<string>("--method", "-m") { Description = "auto, extractive, tokens or code.", DefaultValueFactory = _ => "auto" };
        method.AcceptOnlyFromAmong("auto", "extractive", "tokens", "code");
        var tokenizer = new Option<string>("--tokenizer", "-t") { Description = "Target tokenizer: o200k_base or cl100k_base.", DefaultValueFactory = _ => TargetTokenizers.DefaultEncoding };
        tokenizer.AcceptOnlyFromAmong("o200k_base", "cl100k_base");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the result to this file instead of standard output." };
        var json = new Option<bool>("--json") { Description = "Print JSON: the compressed text(s) and the report." };
        var stats = new Option<bool>("--stats") { Description = "Print the report as a table on standard error." };
        var noModel = new Option<bool>("--no-model") { Description = "Use the model-free methods (BM25, unigram self-information) instead of the built-in scoring model." };
        var codeUse = new Option<bool>("--code-use")
        {
            Description = "Rank code units with the built-in model's learned code-use classifier as well (about half a second per file on CPU; docs/benchmarks.md, section 6, has what it gains).",
        };
        var optionsFile = new Option<FileInfo?>("--options") { Description = "An options file (as written by squeeze tune): its method and budget apply unless given here." };
        var chunkChars = new Option<int>("--chunk-chars")
        {
            Description = "A file or standard input longer than this many characters is read and compressed in chunks of about this size, so memory stays bounded; a ratio applies to each chunk, a token budget is shared by size.",
            DefaultValueFactory = _ => StreamedCompression.DefaultChunkCharacters,
        };
        chunkChars.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 256)
            {
                r.AddError("--chunk-chars must be at least 256.");
            }
        });

        var command = new Command("compress", "Compress a file, a folder or standard input to a token budget.")
        {
            input, budget, ratio, query, method, tokenizer, output, json, stats, noModel, codeUse, optionsFile, chunkChars,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(budget) is not null && r.GetValue(ratio) is not null)
            {
                r.AddError("Give either --budget or --ratio, not both.");
            }

            if (r.GetValue(codeUse) && r.GetValue(noModel))
            {
                r.AddError("--code-use needs the built-in model; it cannot be combined with --no-model.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            SqueezeOptions defaults = new();
            if (parse.GetValue(optionsFile) is FileInfo file)
            {
                try
                {
                    defaults = OptionsFile.Load(file.FullName);
                }
                catch (CliInputException ex)
                {
                    await stderr.WriteLineAsync($"squeeze: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Input;
                }
            }

            bool methodGiven = parse.GetResult(method) is { Implicit: false };
            bool tokenizerGiven = parse.GetResult(tokenizer) is { Implicit: false };
            var settings = new CompressSettings(
                parse.GetRequiredValue(input),
                parse.GetValue(budget) is int b ? CompressionBudget.FromTokens(b)
                    : parse.GetValue(ratio) is double r ? CompressionBudget.FromRatio(r)
                    : defaults.GetBudget(),
                parse.GetValue(query),
                methodGiven ? Enum.Parse<CompressionMethod>(parse.GetRequiredValue(method), ignoreCase: true) : defaults.Method,
                tokenizerGiven ? parse.GetRequiredValue(tokenizer) : defaults.TargetEncoding,
                parse.GetValue(output),
                parse.GetValue(json),
                parse.GetValue(stats),
                parse.GetValue(noModel),
                parse.GetValue(codeUse),
                parse.GetValue(chunkChars));
            return await RunAsync(settings, stdin, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CompressSettings settings, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        IAnsiConsole console = CreateErrorConsole(stderr);
        ITokenCounter counter = TargetTokenizers.ForEncoding(settings.Tokenizer);
        var options = new SqueezeOptions { Method = settings.Method, UseBuiltInModel = false, MinCompressibleTokens = 0 };
        if (!settings.NoModel)
        {
            try
            {
                options.Scorer = OnnxTokenScorer.CreateBuiltIn();
            }
            catch (SqueezeException ex)
            {
                await stderr.WriteLineAsync($"squeeze: warning: the built-in model could not be loaded, using model-free methods ({ex.Message})").ConfigureAwait(false);
            }

            if (settings.CodeUse)
            {
                try
                {
                    options.CodeUseClassifier = OnnxCodeUseClassifier.CreateBuiltIn();
                }
                catch (SqueezeException ex)
                {
                    await stderr.WriteLineAsync($"squeeze: warning: the code-use classifier could not be loaded, ranking code without it ({ex.Message})").ConfigureAwait(false);
                }
            }
        }

        List<InputFile> files;
        CompressionResult result;
        try
        {
            (files, result) = await CompressInputsAsync(settings, stdin, console, counter, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CliInputException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"squeeze: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Input;
        }
        catch (System.Text.DecoderFallbackException)
        {
            await stderr.WriteLineAsync($"squeeze: '{settings.Input}' is not valid UTF-8 (a binary file?); squeeze compresses text only.").ConfigureAwait(false);
            return ExitCodes.Input;
        }
        catch (SqueezeException ex)
        {
            await stderr.WriteLineAsync($"squeeze: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Compression;
        }
        catch (OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"squeeze: out of memory compressing '{settings.Input}'; a smaller --chunk-chars (now {settings.ChunkCharacters}) lowers the peak.").ConfigureAwait(false);
            return ExitCodes.Compression;
        }
        finally
        {
            (options.Scorer as IDisposable)?.Dispose();
            (options.CodeUseClassifier as IDisposable)?.Dispose();
        }

        TextWriter destination = stdout;
        StreamWriter? fileWriter = null;
        if (settings.Output is not null)
        {
            fileWriter = new StreamWriter(settings.Output.FullName, append: false, new System.Text.UTF8Encoding(false));
            destination = fileWriter;
        }

        await using (fileWriter)
        {
            if (settings.Json)
            {
                await destination.WriteAsync(ResultJson.Write(files, result)).ConfigureAwait(false);
                await destination.WriteLineAsync().ConfigureAwait(false);
            }
            else if (files.Count == 1)
            {
                await destination.WriteAsync(result.Texts[0]).ConfigureAwait(false);
            }
            else
            {
                for (int i = 0; i < files.Count; i++)
                {
                    await destination.WriteLineAsync($"==> {files[i].Path} <==").ConfigureAwait(false);
                    await destination.WriteLineAsync(result.Texts[i]).ConfigureAwait(false);
                }
            }
        }

        if (settings.Stats)
        {
            WriteStats(console, files, result.Report);
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads the inputs and compresses them: a large file or standard input chunk by chunk, anything else whole.</summary>
    private static async Task<(List<InputFile> Files, CompressionResult Result)> CompressInputsAsync(
        CompressSettings settings, TextReader stdin, IAnsiConsole console, ITokenCounter counter, SqueezeOptions options, CancellationToken cancellationToken)
    {
        LargeInput? large = null;
        List<InputFile>? files = null;
        if (settings.Input == "-")
        {
            string head = await LargeInput.ReadHeadAsync(stdin, settings.ChunkCharacters + 1, cancellationToken).ConfigureAwait(false);
            if (head.Length <= settings.ChunkCharacters)
            {
                files = [new InputFile("-", head)];
            }
            else
            {
                large = await LargeInput.FromStandardInputAsync(stdin, head, needsSize: settings.Budget.Ratio <= 0, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            large = Directory.Exists(settings.Input) ? null : LargeInput.TryOpenFile(settings.Input, settings.ChunkCharacters);
        }

        if (large is not null)
        {
            using (large)
            {
                (SegmentKind kind, string? language) = KindOf(large.Path);
                (string text, CompressionReport report) = await new StreamedCompression(counter, options, settings.ChunkCharacters)
                    .CompressAsync(large.Reader, large.Head, large.TotalBytes, kind, language, settings.Query, settings.Budget, cancellationToken)
                    .ConfigureAwait(false);
                return ([new InputFile(large.Path, string.Empty)], new CompressionResult([text], report));
            }
        }

        files ??= await ReadInputsAsync(settings.Input, console, cancellationToken).ConfigureAwait(false);
        var segments = new List<ContextSegment>(files.Count);
        foreach (InputFile file in files)
        {
            (SegmentKind kind, string? language) = KindOf(file.Path);
            segments.Add(new ContextSegment(file.Text, kind) { Language = language });
        }

        bool repository = files.Count > 1 && settings.Method is CompressionMethod.Auto or CompressionMethod.Code && segments.TrueForAll(s => s.Kind == SegmentKind.Code);
        CompressionResult result = repository
            ? await CompressRepositoryAsync(files, settings, counter, options, cancellationToken).ConfigureAwait(false)
            : await new CompressionPipeline(counter, options).CompressAsync(segments, settings.Query, settings.Budget, cancellationToken).ConfigureAwait(false);
        return (files, result);
    }

    /// <summary>Code (with its language, from the extension) for source files, document for everything else.</summary>
    private static (SegmentKind Kind, string? Language) KindOf(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return Array.IndexOf(_codeExtensions, extension) >= 0 ? (SegmentKind.Code, extension[1..]) : (SegmentKind.Document, null);
    }

    /// <summary>A folder of source files: rank functions across all files against the query (LongCodeZip's coarse stage over the repository).</summary>
    private static async Task<CompressionResult> CompressRepositoryAsync(
        List<InputFile> files, CompressSettings settings, ITokenCounter counter, SqueezeOptions options, CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var sources = new List<(string Path, string Text)>(files.Count);
        int total = 0;
        foreach (InputFile file in files)
        {
            sources.Add((file.Path, file.Text));
            total += counter.CountTokens(file.Text);
        }

        int budget = settings.Budget.Resolve(total);
        IReadOnlyList<CompressedCodeFile> compressed = await new CodeRepositoryCompressor(options.Scorer, classifier: options.CodeUseClassifier).CompressAsync(sources, settings.Query, budget, counter, cancellationToken).ConfigureAwait(false);
        var texts = new string[files.Count];
        var reports = new SegmentReport[files.Count];
        int after = 0;
        for (int i = 0; i < files.Count; i++)
        {
            CompressedCodeFile file = compressed[i];
            texts[i] = file.Compressed.Text;
            reports[i] = new SegmentReport(SegmentKind.Code, SegmentOrigin.None, file.Compressed.Method, file.TokensBefore, file.TokensAfter);
            after += file.TokensAfter;
        }

        return new CompressionResult(texts, new CompressionReport(reports, counter.Name, budget, total, after, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
    }

    private static async Task<List<InputFile>> ReadInputsAsync(string input, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(input))
        {
            return [await InputReader.ReadFileAsync(input, cancellationToken).ConfigureAwait(false)];
        }

        List<string> paths = InputReader.ListFolder(input);
        var files = new List<InputFile>(paths.Count);
        async Task ReadAllAsync(Action? step)
        {
            foreach (string path in paths)
            {
                InputFile? file = await InputReader.TryReadFolderFileAsync(input, path, cancellationToken).ConfigureAwait(false);
                if (file is not null)
                {
                    files.Add(file);
                }

                step?.Invoke();
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("reading files", maxValue: paths.Count);
                await ReadAllAsync(() => task.Increment(1)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            await ReadAllAsync(null).ConfigureAwait(false);
        }

        return files.Count == 0 ? throw new CliInputException($"No text files found under '{input}'.") : files;
    }

    private static IAnsiConsole CreateErrorConsole(TextWriter stderr)
    {
        bool isConsoleError = ReferenceEquals(stderr, Console.Error);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = isConsoleError ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = isConsoleError && !Console.IsErrorRedirected ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    private static void WriteStats(IAnsiConsole console, List<InputFile> files, CompressionReport report)
    {
        var table = new Table().AddColumns("input", "kind", "method", "tokens before", "tokens after");
        for (int i = 0; i < report.Segments.Count; i++)
        {
            SegmentReport segment = report.Segments[i];
            table.AddRow(Markup.Escape(files[i].Path), segment.Kind.ToString(), Markup.Escape(segment.Method), Format(segment.TokensBefore), Format(segment.TokensAfter));
        }

        table.AddRow("total", string.Empty, string.Empty, Format(report.TokensBefore), Format(report.TokensAfter));
        console.Write(table);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"budget {report.Budget} tokens ({report.Tokenizer}), ratio {report.Ratio:0.00}x, {report.Elapsed.TotalMilliseconds:0} ms"));

        static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
