using System.Text;
using Squeeze;
using Squeeze.Quality;
using Squeeze.Scoring;

// Quality harness: sweeps compression ratios per method over the task sets, writes CSV + Markdown + PNG plots.
HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

if (options.ExportO200k is string exportPath)
{
    O200kExporter.Export(exportPath);
    Console.Error.WriteLine($"wrote {exportPath}");
    return 0;
}

if (options.Help)
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

if (options.ScorerSpeed)
{
    return await ScorerSpeed.RunAsync(options);
}

if (options.UnitSignalsFile is string signalsPath)
{
    var codeTasks = options.TaskFiles.SelectMany(f => TaskReader.Read(f, options.Limit)).ToList();
    using OnnxCodeUseClassifier? codeUse = options.CodeUse ? OnnxCodeUseClassifier.Load(options.ModelDirectory) : null;
    int written = await UnitSignalsDump.WriteAsync(signalsPath, options.UnitTextsFile, codeTasks, options.Ratios, TargetTokenizers.ForEncoding("o200k_base"), codeUse, CancellationToken.None);
    Console.Error.WriteLine($"wrote {signalsPath}: {written} units");
    return 0;
}

Directory.CreateDirectory(options.OutDirectory);
string qualityCsv = Path.Combine(options.OutDirectory, "quality.csv");
string latencyCsv = Path.Combine(options.OutDirectory, "latency.csv");
ITokenCounter counter = TargetTokenizers.ForEncoding("o200k_base");
List<ResultRow> rows;
List<ResultRow> latency;
int violations;
if (options.PlotsOnly)
{
    rows = ReadCsv(qualityCsv);
    latency = File.Exists(latencyCsv) ? ReadCsv(latencyCsv) : [];
    violations = rows.Count(r => r.OutputTokens > r.Budget);
}
else
{
    var tasks = new List<QualityTask>();
    foreach (string file in options.TaskFiles)
    {
        tasks.AddRange(TaskReader.Read(file, options.Limit));
    }

    ITokenScorer? scorer = options.Methods is { } named && !named.Any(MethodCatalog.NeedsModel) ? null : ModelLoader.TryLoad(options.ModelDirectory, options.Scorer);
    using var disposeScorer = scorer as IDisposable;
    using OnnxTokenClassifierScorer? classifier = options.ClassifierDirectory is null ? null : OnnxTokenClassifierScorer.Load(options.ClassifierDirectory);
    using OnnxCodeUseClassifier? codeUse = options.Methods is { } listed && listed.Any(MethodCatalog.NeedsCodeUse) ? OnnxCodeUseClassifier.Load(options.ModelDirectory) : null;
    List<string> names = options.Methods ?? [.. MethodCatalog.ModelFree, .. scorer is null ? [] : MethodCatalog.ModelBased, .. classifier is null ? [] : new[] { MethodCatalog.LlmLingua2 }];
    List<ICompressionMethod> methods = [.. names.Where(n => (scorer is not null || !MethodCatalog.NeedsModel(n)) && (classifier is not null || n != MethodCatalog.LlmLingua2))
        .Select(n => MethodCatalog.Create(n, counter, scorer, classifier, codeUse))];
    Console.Error.WriteLine($"{tasks.Count} tasks, methods: {string.Join(", ", methods.Select(m => m.Name))}; scorer: {scorer?.Name ?? "none"}");
    var sweep = new Sweep(counter);
    int modelLimit = options.ModelLimit > 0 ? options.ModelLimit : options.Limit;
    rows = await sweep.RunAsync(methods, tasks, options.Ratios, m => MethodCatalog.NeedsModel(m.Name) ? modelLimit : options.Limit, CancellationToken.None);
    latency = await LatencySweep.RunAsync(sweep, methods, tasks, options, counter);
    violations = sweep.BudgetViolations;
    WriteCsv(qualityCsv, rows);
    WriteCsv(latencyCsv, latency);
}

foreach (string merge in options.MergeFiles)
{
    List<ResultRow> extra = ReadCsv(merge);
    rows.AddRange(extra.Where(r => r.Kind != "latency"));
    latency.AddRange(extra.Where(r => r.Kind == "latency"));
    violations += extra.Count(r => r.OutputTokens > r.Budget);
}

string summary = SummaryWriter.Write(rows, violations);
File.WriteAllText(Path.Combine(options.OutDirectory, "summary.md"), summary);
Console.WriteLine(summary);
try
{
    foreach (string png in PlotWriter.Write(rows, latency, options.PlotDirectory))
    {
        Console.Error.WriteLine($"wrote {png}");
    }
}
catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
{
    // A trimmed publish for the GPU machine leaves out SkiaSharp's native library: the CSVs and summary are written, plots are redrawn with --plots-only.
    Console.Error.WriteLine($"plots skipped: {e.Message}");
}

return violations == 0 ? 0 : 1;

static void WriteCsv(string path, List<ResultRow> rows)
{
    var b = new StringBuilder().AppendLine(ResultRow.Header);
    foreach (ResultRow r in rows)
    {
        b.AppendLine(r.ToCsv());
    }

    File.WriteAllText(path, b.ToString());
}

static List<ResultRow> ReadCsv(string path) => [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(ResultRow.Parse)];
