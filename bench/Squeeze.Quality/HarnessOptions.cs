using System.Globalization;

namespace Squeeze.Quality;

/// <summary>Command-line options of the quality harness.</summary>
internal sealed class HarnessOptions
{
    public List<string> TaskFiles { get; } = [];

    public List<double> Ratios { get; private set; } = [2, 4, 10, 20];

    public List<string>? Methods { get; private set; }

    public int Limit { get; private set; }

    public int ModelLimit { get; private set; }

    public string OutDirectory { get; private set; } = Path.Combine("bench", "Squeeze.Quality", "results");

    public string PlotDirectory { get; private set; } = Path.Combine("docs", "plots");

    public string ModelDirectory { get; private set; } = Path.Combine("models", "squeeze-mini");

    public List<int> LatencySizes { get; private set; } = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

    public int ModelLatencyMax { get; private set; } = 16_000;

    public List<string> MergeFiles { get; } = [];

    public bool PlotsOnly { get; private set; }

    public bool Help { get; private set; }

    public string? ExportO200k { get; private set; }

    public string Scorer { get; private set; } = "onnx";

    public string? ClassifierDirectory { get; private set; }

    public bool ScorerSpeed { get; private set; }

    public string? UnitSignalsFile { get; private set; }

    public string? UnitTextsFile { get; private set; }

    public bool CodeUse { get; private set; }

    public const string Usage = """
        squeeze-quality [options]
          --tasks F1,F2          task files (.jsonl or .jsonl.gz); default bench/tasks/{needle,multi,paraphrase}.jsonl.gz
          --ratios 2,4,10,20     target compression ratios
          --methods M1,M2        methods (default: all model-free, plus the model-based ones when the scorer loads):
                                 truncation random extractive-bm25 tokens-unigram pipeline-auto
                                 extractive-surprisal extractive-fused tokens-llmlingua tokens-longllmlingua selective-context pipeline-auto-model
          --limit N              at most N tasks per task kind (0 = all)
          --model-limit N        at most N tasks per kind for model-based methods (0 = same as --limit)
          --model DIR            scorer folder (default models/squeeze-mini; needs surprisal.onnx)
          --latency-sizes L      input lengths for the latency sweep (default 1000,...,32000; "none" to skip)
          --model-latency-max N  largest latency input for model-based methods (default 16000)
          --merge F.csv          add rows from another results CSV of the same schema (e.g. bench/python) to the summary and plots
          --out DIR              results folder (quality.csv, latency.csv, summary.md); default bench/Squeeze.Quality/results
          --plots DIR            PNG folder; default docs/plots
          --export-o200k FILE    write the o200k_base tiktoken ranks file (for bench/python/compare.py) and exit
          --classifier DIR       an LLMLingua-2 token-classification folder (model.onnx, config.json, vocab.txt or tokenizer.json):
                                 adds tokens-llmlingua2
          --scorer onnx|gpu      the model-based methods' scorer: ONNX Runtime on the CPU (default) or the ILGPU forward pass on CUDA
          --scorer-speed         only check the scorer against tests/fixtures/models/squeeze-mini-reference.json and time it on
                                 1k, 4k, 16k and 64k-token inputs (scorer-speed.csv), then exit
          --unit-signals FILE    only write, for the code tasks at each ratio, every ranked unit of code-bm25 with its score's signals
                                 and whether it is a callee (TSV, for bench/Squeeze.Quality/fit_use_model.py), then exit
          --unit-texts FILE      with --unit-signals: also write each row's query and unit text (JSON lines, for
                                 training/train_code_use.py)
          --code-use             with --unit-signals: rank with the model folder's code-use classifier too (code-bm25-use)
                                 and write its log-odds in the code_use column
          --plots-only           re-read DIR/quality.csv and DIR/latency.csv and only redraw plots and the summary
        """;

    public static HarnessOptions Parse(string[] args)
    {
        var o = new HarnessOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--tasks": o.TaskFiles.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--ratios": o.Ratios = [.. Next().Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--methods": o.Methods = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries)]; break;
                case "--limit": o.Limit = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--model-limit": o.ModelLimit = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--model": o.ModelDirectory = Next(); break;
                case "--classifier": o.ClassifierDirectory = Next(); break;
                case "--latency-sizes":
                    string s = Next();
                    o.LatencySizes = s == "none" ? [] : [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
                    break;
                case "--model-latency-max": o.ModelLatencyMax = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--merge": o.MergeFiles.Add(Next()); break;
                case "--out": o.OutDirectory = Next(); break;
                case "--plots": o.PlotDirectory = Next(); break;
                case "--plots-only": o.PlotsOnly = true; break;
                case "--export-o200k": o.ExportO200k = Next(); break;
                case "--scorer":
                    o.Scorer = Next();
                    if (o.Scorer is not ("onnx" or "gpu"))
                    {
                        throw new ArgumentException("--scorer must be onnx or gpu.");
                    }

                    break;
                case "--scorer-speed": o.ScorerSpeed = true; break;
                case "--unit-signals": o.UnitSignalsFile = Next(); break;
                case "--unit-texts": o.UnitTextsFile = Next(); break;
                case "--code-use": o.CodeUse = true; break;
                case "-h" or "--help": o.Help = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (o.TaskFiles.Count == 0)
        {
            o.TaskFiles.AddRange(new[] { "needle", "multi", "paraphrase" }.Select(n => Path.Combine("bench", "tasks", n + ".jsonl.gz")));
        }

        if (o.Ratios.Any(r => !(r >= 1)))
        {
            throw new ArgumentException("--ratios must all be at least 1.");
        }

        if ((o.UnitTextsFile is not null || o.CodeUse) && o.UnitSignalsFile is null)
        {
            throw new ArgumentException("--unit-texts and --code-use need --unit-signals.");
        }

        return o;
    }
}
