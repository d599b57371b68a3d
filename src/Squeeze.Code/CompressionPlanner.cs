namespace Squeeze.Code;

/// <summary>
/// The two-stage LongCodeZip-style planner shared by the single-text and the repository compressors.
/// Coarse stage: score each unit with the chance that the query's code uses it, a logistic model (<see cref="UnitSignals"/>) of
/// its rank by relevance (approximated mutual information with a scorer, BM25 over identifier parts without), fan-in, the
/// relevance of its callers, closeness to the units the query names and being a private function (more so one nothing calls),
/// boosted when the query names them or when relevant units call them (not when they call relevant units: that is what the
/// query's look-alikes do, and it made hubs of them), and keep whole units greedily by score
/// per token (a unit of fewer than <see cref="DensityCostFloor"/> tokens counts as that many), after the
/// <see cref="CodeCompressionOptions.TopUnitsFirst"/> best-scored units that each cost at most <see cref="TopUnitBudgetShare"/> of the room.
/// Fine stage: the first unit that does not fit whole is split into statement blocks and a 0/1 knapsack picks the blocks.
/// Then signatures of the remaining units fill the held-back share, and an exact-fit loop degrades the lowest-ranked
/// units until the measured output, markers included, fits the budget. Free-standing comments (licence headers, section
/// banners), the doc comments of containers (a class's summary and remarks) and, unless
/// <see cref="CodeCompressionOptions.KeepDocComments"/>, those of the other units (but for the units the query names) are left
/// out of the skeleton and of the units' costs, and come back only with what the refill has left.
/// </summary>
internal sealed class CompressionPlanner
{
    private readonly List<FilePlan> _files;
    private readonly string? _query;
    private readonly int _budget;
    private readonly ITokenCounter _counter;
    private readonly ITokenScorer? _scorer;
    private readonly ICodeUseClassifier? _classifier;
    private readonly CodeCompressionOptions _options;
    private readonly string _method;
    private readonly List<UnitPlan> _ranked = [];
    private Dictionary<string, int> _queryTerms = new(StringComparer.Ordinal);
    private Bm25Index? _index;

    private CompressionPlanner(List<FilePlan> files, string? query, int budget, ITokenCounter counter, ITokenScorer? scorer, ICodeUseClassifier? classifier, CodeCompressionOptions options, string method)
    {
        _files = files;
        _query = string.IsNullOrWhiteSpace(query) ? null : query;
        _budget = budget;
        _counter = counter;
        _scorer = scorer;
        _classifier = classifier;
        _options = options;
        _method = method;
    }

    /// <summary>The method's name for reports: "code-longcodezip" with a scorer, else "code-bm25"; "-use" added with a classifier.</summary>
    public static string MethodName(ITokenScorer? scorer, ICodeUseClassifier? classifier) =>
        (scorer is null ? "code-bm25" : "code-longcodezip") + (classifier is null ? string.Empty : "-use");

    public static async Task<(CompressedText Result, int TokensBefore, int TokensAfter)[]> CompressAsync(
        IReadOnlyList<ParsedCode> codes, bool canCloseFiles, string? query, int budget, ITokenCounter counter, ITokenScorer? scorer, ICodeUseClassifier? classifier, CodeCompressionOptions options, string method,
        Action<IReadOnlyList<UnitPlan>>? rankingObserver, CancellationToken cancellationToken)
    {
        var files = new List<FilePlan>(codes.Count);
        for (int f = 0; f < codes.Count; f++)
        {
            ParsedCode code = codes[f];
            var units = new UnitPlan[code.Units.Count];
            var hasChildren = new bool[units.Length];
            foreach (CodeUnit unit in code.Units)
            {
                if (unit.Parent >= 0)
                {
                    hasChildren[unit.Parent] = true;
                }
            }

            for (int u = 0; u < units.Length; u++)
            {
                CodeUnit unit = code.Units[u];
                units[u] = new UnitPlan(unit, u, f, !hasChildren[u], code.LeadingStart(unit));
            }

            files.Add(new FilePlan(code, units, canCloseFiles));
        }

        var planner = new CompressionPlanner(files, query, budget, counter, scorer, classifier, options, method);
        await planner.RunAsync(cancellationToken).ConfigureAwait(false);
        rankingObserver?.Invoke(planner._ranked);
        var results = new (CompressedText, int, int)[files.Count];
        for (int f = 0; f < files.Count; f++)
        {
            results[f] = (files[f].Result!, files[f].TokensBefore, files[f].Tokens);
        }

        return results;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        int before = 0;
        foreach (FilePlan file in _files)
        {
            file.TokensBefore = _counter.CountTokens(file.Code.Text);
            before += file.TokensBefore;
        }

        if (before <= _budget)
        {
            foreach (FilePlan file in _files)
            {
                file.Result = CompressedText.Unchanged(file.Code.Text, _method);
                file.Tokens = file.TokensBefore;
            }

            return;
        }

        PrepareCosts(cancellationToken);
        await RankAsync(cancellationToken).ConfigureAwait(false);
        KeepDocCommentsOfNamedUnits();
        await SelectAsync(cancellationToken).ConfigureAwait(false);
        FitExactly(cancellationToken);
        Refill(cancellationToken);
    }

    /// <summary>
    /// Without <see cref="CodeCompressionOptions.KeepDocComments"/>, doc comments are left out of the units' costs and come back
    /// with the comments between units; the units the query names keep theirs, counted in their cost.
    /// </summary>
    private void KeepDocCommentsOfNamedUnits()
    {
        if (_options.KeepDocComments)
        {
            return;
        }

        foreach (UnitPlan plan in _ranked)
        {
            if (plan.IsNamed && plan.LeadingStart < plan.Unit.Span.Start)
            {
                FilePlan file = _files[plan.File];
                file.KeptGaps.Add(plan.LeadingStart);
                plan.FullCost = Count(file.Code.Text, plan.LeadingStart, plan.Unit.Span.End);
            }
        }
    }

    /// <summary>
    /// Spends what the fit left over: in score order, each unit not kept whole is tried whole, then (if dropped) as its signature,
    /// keeping a change only if the rendered result still fits the budget; then the imports, in file order; then the free-standing
    /// comments.
    /// </summary>
    private void Refill(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (FilePlan file in _files)
        {
            total += file.Tokens;
        }

        // The ranked units, then the imports (which are not ranked) in file order.
        var candidates = ByScoreDescending();
        foreach (FilePlan file in _files)
        {
            foreach (UnitPlan plan in file.Units)
            {
                if (plan.IsImport && plan.IsLeaf)
                {
                    candidates.Add(plan);
                }
            }
        }

        foreach (UnitPlan plan in candidates)
        {
            FilePlan file = _files[plan.File];
            if (total >= _budget || file.TruncateTo >= 0)
            {
                break;
            }

            if (!file.IsOpen || plan.State == UnitState.Full || (plan.Unit.Parent >= 0 && file.Units[plan.Unit.Parent].ForceDropped))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            UnitState previous = plan.State;
            foreach (UnitState next in (UnitState[])[UnitState.Full, UnitState.Signature])
            {
                if (next == UnitState.Signature && (previous != UnitState.Dropped || !plan.Elidable))
                {
                    continue;
                }

                plan.State = next;
                if (TryRender(file, ref total))
                {
                    break;
                }

                plan.State = previous;
            }
        }

        RefillGaps(total, cancellationToken);
    }

    /// <summary>Renders <paramref name="file"/> with its plan as it stands and takes the result if the whole output still fits.</summary>
    /// <returns>Whether the result was taken (<paramref name="total"/> then counts it).</returns>
    private bool TryRender(FilePlan file, ref long total)
    {
        CompressedText result = Render(file);
        int tokens = _counter.CountTokens(result.Text);
        if (total - file.Tokens + tokens > _budget)
        {
            return false;
        }

        total += tokens - file.Tokens;
        file.Result = result;
        file.Tokens = tokens;
        return true;
    }

    /// <summary>
    /// Spends what is still left on the free-standing comments (outside the top-level units and between the members of kept
    /// containers) and the doc comments of containers, cheapest first, each kept only if the result still fits.
    /// </summary>
    private void RefillGaps(long total, CancellationToken cancellationToken)
    {
        foreach (FilePlan file in _files)
        {
            if (!file.IsOpen || file.TruncateTo >= 0)
            {
                continue;
            }

            List<TextSpan> gaps = DroppedGaps(file, KeptDescendants(file), _options.KeepDocComments);
            var costs = new int[gaps.Count];
            var order = new int[gaps.Count];
            for (int g = 0; g < gaps.Count; g++)
            {
                costs[g] = Count(file.Code.Text, gaps[g].Start, gaps[g].End);
                order[g] = g;
            }

            Array.Sort(costs, order);
            foreach (int g in order)
            {
                if (total >= _budget)
                {
                    return;
                }

                cancellationToken.ThrowIfCancellationRequested();
                file.KeptGaps.Add(gaps[g].Start);
                if (!TryRender(file, ref total))
                {
                    file.KeptGaps.Remove(gaps[g].Start);
                }
            }
        }
    }

    private int Count(string text, int start, int end) => end > start ? _counter.CountTokens(text.AsSpan(start, end - start)) : 0;

    private void PrepareCosts(CancellationToken cancellationToken)
    {
        foreach (FilePlan file in _files)
        {
            string text = file.Code.Text;
            int markerCost = _counter.CountTokens(file.Marker);
            foreach (UnitPlan plan in file.Units)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CodeUnit unit = plan.Unit;
                plan.MarkerCost = markerCost;
                plan.Elidable = plan.IsLeaf && unit.HasBody && _options.KeepSignatures && unit.Kind is CodeUnitKind.Function or CodeUnitKind.Type or CodeUnitKind.Namespace;
                if (plan.IsLeaf)
                {
                    plan.FullCost = Count(text, _options.KeepDocComments ? plan.LeadingStart : unit.Span.Start, unit.Span.End);
                    plan.BodyCost = plan.Elidable ? Count(text, unit.Body.Start, unit.Body.End) : 0;
                    plan.State = UnitState.Dropped;
                    if (plan.Ranked)
                    {
                        _ranked.Add(plan);
                    }
                }
            }

            foreach (UnitPlan plan in file.Units)
            {
                if (plan.IsImport && plan.IsLeaf)
                {
                    plan.State = UnitState.Dropped;
                }
            }

            file.Overhead = _counter.CountTokens(RenderOpen(file).Text);
            file.Dirty = true;
        }
    }

    private async Task RankAsync(CancellationToken cancellationToken)
    {
        int n = _ranked.Count;
        var termCounts = new List<Dictionary<string, int>>(n);
        var lengths = new List<int>(n);
        var identifiers = new HashSet<string>[n];
        for (int i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            UnitPlan plan = _ranked[i];
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            identifiers[i] = new HashSet<string>(StringComparer.Ordinal);
            string text = _files[plan.File].Code.Text;
            lengths.Add(IdentifierSplitter.AddTerms(text.AsSpan(plan.LeadingStart, plan.Unit.Span.End - plan.LeadingStart), counts, identifiers[i], dropStopWords: false));
            termCounts.Add(counts);
        }

        _index = new Bm25Index(termCounts, lengths);
        var queryIdentifiers = new HashSet<string>(StringComparer.Ordinal);
        if (_query is not null)
        {
            IdentifierSplitter.AddTerms(_query, _queryTerms, queryIdentifiers, dropStopWords: true);
        }

        var relevance = new double[n];
        if (_query is not null)
        {
            double[]? modelRelevance = null;
            if (_scorer is not null)
            {
                var texts = new string[n];
                for (int i = 0; i < n; i++)
                {
                    UnitPlan plan = _ranked[i];
                    texts[i] = _files[plan.File].Code.Text[plan.LeadingStart..plan.Unit.Span.End];
                }

                modelRelevance = await MutualInformation.ComputeAsync(_scorer, _query, texts, _options.ScoringBatchSize, _options.MaxScoredCharacters, cancellationToken).ConfigureAwait(false);
            }

            for (int i = 0; i < n; i++)
            {
                relevance[i] = _index.Score(_queryTerms.Keys, termCounts[i], lengths[i]);
            }

            NormalizeMax(relevance);
            if (modelRelevance is not null)
            {
                FuseModelRelevance(relevance, modelRelevance);
            }
        }

        float[]? codeUse = _query is not null && _classifier is not null ? await ClassifyUseAsync(_query, _classifier, cancellationToken).ConfigureAwait(false) : null;

        // The units the query names: by a code-like mention (Text(), parse_declaration) when it has one, else by any word.
        var codeNames = new HashSet<string>(StringComparer.Ordinal);
        if (_query is not null)
        {
            IdentifierSplitter.AddCodeNames(_query, codeNames);
        }

        var names = new string[n];
        var named = new bool[n];
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string name = _ranked[i].Unit.Name.TrimStart('~').ToLowerInvariant();
            named[i] = name.Length >= 3 && codeNames.Contains(name);

            // The identifiers of a unit's text are taken without surrounding underscores (self._scan_name(), __add__), so the
            // name a call reaches a unit by is too.
            string key = names[i] = name.Trim('_');
            if (name.Length >= 3 && key.Length >= 2 && IsIdentifier(key))
            {
                if (!byName.TryGetValue(key, out List<int>? list))
                {
                    byName[key] = list = [];
                }

                list.Add(i);
            }
        }

        if (Array.IndexOf(named, true) < 0)
        {
            for (int i = 0; i < n; i++)
            {
                named[i] = names[i].Length >= 3 && queryIdentifiers.Contains(names[i]);
            }
        }

        KeepBestMatchingNamesakes(named, queryIdentifiers);

        var baseScore = new double[n];
        for (int i = 0; i < n; i++)
        {
            baseScore[i] = relevance[i] + (named[i] ? 1 : 0);
        }

        // A call by name goes to one of the units of that name: with k candidates (overloads, or Pos() on every node type), each
        // gets 1/k of the call, so common method names do not look like hubs.
        var bestCaller = new double[n];
        var callers = new double[n];
        var relevantCallers = new double[n];
        for (int i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (string identifier in identifiers[i])
            {
                if (!byName.TryGetValue(identifier, out List<int>? targets))
                {
                    continue;
                }

                double share = 1.0 / targets.Count;
                foreach (int j in targets)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    callers[j] += share;
                    if (!named[i])
                    {
                        relevantCallers[j] += share * relevance[i];
                    }

                    bestCaller[j] = Math.Max(bestCaller[j], share * baseScore[i]);
                }
            }
        }

        double maxCallers = 1;
        foreach (double c in callers)
        {
            maxCallers = Math.Max(maxCallers, c);
        }

        NormalizeMax(relevantCallers);

        double[] proximity = ProximityToNamed(named);
        double[] relevanceRank = ReciprocalRanks(relevance);
        for (int i = 0; i < n; i++)
        {
            UnitPlan plan = _ranked[i];
            double position = n > 1 ? 1 - ((double)i / (n - 1)) : 1;
            plan.IsNamed = named[i];
            if (_query is null)
            {
                plan.Score = (0.5 * callers[i] / maxCallers) + (0.1 * position);
            }
            else
            {
                bool isPrivate = IsPrivateFunction(plan);
                plan.Signals = new UnitSignals(relevanceRank[i], bestCaller[i], callers[i] / maxCallers, proximity[i], relevantCallers[i],
                    isPrivate, callers[i] == 0 && !named[i] && isPrivate, codeUse?[i]);
                plan.Score = (1 / (1 + Math.Exp(-plan.Signals.Logit(_options)))) + (named[i] ? _options.NamedUnitBoost : 0) + (1e-6 * position);
            }

            FilePlan file = _files[plan.File];
            file.BestScore = Math.Max(file.BestScore, plan.Score);
        }
    }

    /// <summary>The classifier's log-odds that the query's code uses each ranked unit (its text without the leading comments).</summary>
    /// <exception cref="SqueezeException">The classifier returned a wrong number of values, or one that is not finite.</exception>
    private async Task<float[]> ClassifyUseAsync(string query, ICodeUseClassifier classifier, CancellationToken cancellationToken)
    {
        var units = new string[_ranked.Count];
        for (int i = 0; i < units.Length; i++)
        {
            UnitPlan plan = _ranked[i];
            units[i] = _files[plan.File].Code.Text[plan.Unit.Span.Start..plan.Unit.Span.End];
        }

        float[] logits = await classifier.ClassifyAsync(query, units, cancellationToken).ConfigureAwait(false);
        if (logits is null || logits.Length != units.Length)
        {
            throw new SqueezeException($"The code-use classifier {classifier.Name} returned {logits?.Length ?? 0} values for {units.Length} units.");
        }

        foreach (float logit in logits)
        {
            if (!float.IsFinite(logit))
            {
                throw new SqueezeException($"The code-use classifier {classifier.Name} returned a value that is not finite ({logit}).");
            }
        }

        return logits;
    }

    /// <summary>For each value, 1 / (1 + the number of values greater than it): 1 for the best, 1/2 for the next, ties shared.</summary>
    private static double[] ReciprocalRanks(double[] values)
    {
        int n = values.Length;
        var descending = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            descending[i] = -values[i];
            order[i] = i;
        }

        Array.Sort(descending, order);
        var ranks = new double[n];
        int greater = 0;
        for (int k = 0; k < n; k++)
        {
            // A tie shares the rank of its first member: the count of values greater than all of them.
            if (k > 0 && descending[k] > descending[k - 1])
            {
                greater = k;
            }

            ranks[order[k]] = 1.0 / (1 + greater);
        }

        return ranks;
    }

    /// <summary>
    /// For each unit, how close it sits to a unit the query names in the same file: 1 / (1 + d / 4) for the nearest such unit,
    /// d counted in units (the code being written or asked about tends to use what is defined next to it); 0 without one.
    /// </summary>
    private double[] ProximityToNamed(bool[] named)
    {
        int n = _ranked.Count;
        var proximity = new double[n];
        for (int a = 0; a < n; a++)
        {
            if (!named[a])
            {
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                if (i != a && _ranked[i].File == _ranked[a].File)
                {
                    proximity[i] = Math.Max(proximity[i], 1 / (1 + (Math.Abs(i - a) / 4.0)));
                }
            }
        }

        return proximity;
    }

    /// <summary>
    /// Where the query names a name that several units share (the <c>unmarshal</c> method of each message type, overloads,
    /// overrides), keeps as named only the units whose declaration, with their container's, holds the most of the query's
    /// identifiers (the receiver, class or parameters the query gives), and of those the ones whose own declaration adds the
    /// fewest identifiers the query lacks (<c>open(url)</c> over <c>open(self, url)</c>). The others are look-alikes: ranked
    /// like any unit, and their callees gain from their relevance. Before, every namesake was taken first and they could fill
    /// the whole budget.
    /// </summary>
    private void KeepBestMatchingNamesakes(bool[] named, HashSet<string> queryIdentifiers)
    {
        int n = named.Length;
        var fit = new double[n];
        var best = new Dictionary<string, (double Fit, int Units)>(StringComparer.Ordinal);
        var scratchTerms = new Dictionary<string, int>(StringComparer.Ordinal);
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (!named[i])
            {
                continue;
            }

            UnitPlan plan = _ranked[i];
            ParsedCode code = _files[plan.File].Code;
            identifiers.Clear();
            AddHeaderIdentifiers(code, plan.Unit, scratchTerms, identifiers);
            int extras = 0;
            foreach (string identifier in identifiers)
            {
                extras += queryIdentifiers.Contains(identifier) ? 0 : 1;
            }

            if (plan.Unit.Parent >= 0)
            {
                AddHeaderIdentifiers(code, code.Units[plan.Unit.Parent], scratchTerms, identifiers);
            }

            int matches = 0;
            foreach (string identifier in identifiers)
            {
                matches += queryIdentifiers.Contains(identifier) ? 1 : 0;
            }

            // Matches first; the extras only break ties (their penalty stays below 1).
            fit[i] = matches - (extras / (extras + 1.0));
            string name = plan.Unit.Name;
            (double Fit, int Units) group = best.GetValueOrDefault(name, (double.NegativeInfinity, 0));
            best[name] = (Math.Max(group.Fit, fit[i]), group.Units + 1);
        }

        for (int i = 0; i < n; i++)
        {
            if (named[i] && best[_ranked[i].Unit.Name] is { Units: > 1 } group && fit[i] < group.Fit)
            {
                named[i] = false;
            }
        }
    }

    private static void AddHeaderIdentifiers(ParsedCode code, CodeUnit unit, Dictionary<string, int> terms, HashSet<string> identifiers)
    {
        TextSpan header = unit.Header;
        IdentifierSplitter.AddTerms(code.Text.AsSpan(header.Start, header.Length), terms, identifiers, dropStopWords: false);
    }

    /// <summary>Whether the unit is a function that its language's conventions mark as private to its file, type or package.</summary>
    private bool IsPrivateFunction(UnitPlan plan)
    {
        CodeUnit unit = plan.Unit;
        if (unit.Kind != CodeUnitKind.Function)
        {
            return false;
        }

        ParsedCode code = _files[plan.File].Code;
        string name = unit.Name;
        ReadOnlySpan<char> header = code.Text.AsSpan(unit.Header.Start, unit.Header.Length);
        return code.Language switch
        {
            CodeLanguage.Python => name.StartsWith('_') && !name.EndsWith("__", StringComparison.Ordinal),
            CodeLanguage.Go => name.Length > 0 && char.IsLower(name[0]) && name is not ("init" or "main"),
            CodeLanguage.Rust => !header.Contains("pub ", StringComparison.Ordinal) && !header.Contains("pub(", StringComparison.Ordinal),
            CodeLanguage.JavaScript or CodeLanguage.TypeScript => name.StartsWith('_') || name.StartsWith('#') || header.Contains("private ", StringComparison.Ordinal),
            CodeLanguage.C or CodeLanguage.Cpp => header.TrimStart().StartsWith("static ", StringComparison.Ordinal),
            _ => header.Contains("private ", StringComparison.Ordinal),
        };
    }

    private static bool IsIdentifier(string name)
    {
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static void NormalizeMax(double[] values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        if (max > 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] /= max;
            }
        }
    }

    /// <summary>
    /// Blends the model's relevance (mutual information, min-max normalised) into the BM25 relevance (normalised to at most 1) in
    /// place, with weight <see cref="CodeCompressionOptions.ModelRelevanceWeight"/>, and normalises the blend to at most 1. On its
    /// own the model's score ranked worse than BM25; blended it adds to BM25's term matches instead of replacing them.
    /// </summary>
    private void FuseModelRelevance(double[] relevance, double[] model)
    {
        double weight = _options.ModelRelevanceWeight;
        var normalized = (double[])model.Clone();
        NormalizeMinMax(normalized);
        for (int i = 0; i < relevance.Length; i++)
        {
            relevance[i] = ((1 - weight) * relevance[i]) + (weight * normalized[i]);
        }

        NormalizeMax(relevance);
    }

    private static void NormalizeMinMax(double[] values)
    {
        if (values.Length == 0)
        {
            return;
        }

        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = max > min ? (values[i] - min) / (max - min) : 0;
        }
    }

    private List<UnitPlan> ByScoreDescending() => Descending(static p => p.Score);

    /// <summary>
    /// The fewest tokens a unit counts as in the score-per-token order: below a few lines a unit is not worth more per token for
    /// being shorter (one-line constants and accessors would otherwise crowd out the mid-sized functions a query needs).
    /// </summary>
    private const int DensityCostFloor = 64;

    /// <summary>The largest share of the room that one of the <see cref="CodeCompressionOptions.TopUnitsFirst"/> units may take out of density order.</summary>
    private const double TopUnitBudgetShare = 0.25;

    /// <summary>Units by score per token of the whole unit (greedy knapsack order: many small relevant helpers beat one large one).</summary>
    private List<UnitPlan> ByValueDensityDescending() => Descending(static p => p.Score / Math.Max(DensityCostFloor, p.FullCost));

    private List<UnitPlan> Descending(Func<UnitPlan, double> key)
    {
        var order = new List<UnitPlan>(_ranked);
        order.Sort((a, b) =>
        {
            int c = key(b).CompareTo(key(a));
            if (c != 0)
            {
                return c;
            }

            c = a.File.CompareTo(b.File);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        return order;
    }

    private async Task SelectAsync(CancellationToken cancellationToken)
    {
        var open = new bool[_files.Count];
        long available = _budget;
        for (int f = 0; f < _files.Count; f++)
        {
            if (!_files[f].CanClose)
            {
                open[f] = true;
                available -= _files[f].Overhead;
            }
        }

        List<UnitPlan> order = ByValueDensityDescending();

        // Units the query names come first and may use the whole budget; then the ranked units; then the imports of open files
        // (a long import list must not starve the ranked units).
        foreach (UnitPlan plan in order)
        {
            if (plan.IsNamed)
            {
                available -= await TakeAsync(plan, available, open, cancellationToken).ConfigureAwait(false);
            }
        }

        long reserve = _options.KeepSignatures ? (long)(Math.Max(0, available) * _options.SignatureBudgetShare) : 0;
        long coarse = available - reserve;

        // The best-ranked units first, whatever their density, if each costs at most TopUnitBudgetShare of the room: the
        // density order alone lets many cheap, weakly relevant units crowd out a mid-sized unit the query is about.
        int leading = 0;
        foreach (UnitPlan plan in ByScoreDescending())
        {
            if (leading >= _options.TopUnitsFirst)
            {
                break;
            }

            if (!plan.IsNamed)
            {
                leading++;
                if (plan.State == UnitState.Dropped && plan.FullCost <= TopUnitBudgetShare * coarse)
                {
                    coarse -= await TakeAsync(plan, coarse, open, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        foreach (UnitPlan plan in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!plan.IsNamed && plan.State == UnitState.Dropped)
            {
                coarse -= await TakeAsync(plan, coarse, open, cancellationToken).ConfigureAwait(false);
            }
        }

        coarse -= TakeImports(open, coarse);
        long leftover = coarse + reserve;
        if (_options.KeepSignatures)
        {
            foreach (UnitPlan plan in order)
            {
                int extra = open[plan.File] ? 0 : _files[plan.File].Overhead;
                if (plan.State == UnitState.Dropped && plan.Elidable && plan.SignatureCost + extra <= leftover)
                {
                    plan.State = UnitState.Signature;
                    leftover -= plan.SignatureCost + extra;
                    open[plan.File] = true;
                }
            }
        }

        foreach (UnitPlan plan in order)
        {
            if (plan.State == UnitState.Signature && leftover > plan.MarkerCost + _options.MinPartialTokens)
            {
                // Spend what is left on the best blocks of the highest-ranked elided unit.
                UnitState previous = plan.State;
                long spent = await TakeAsync(plan, leftover + plan.SignatureCost, open, cancellationToken).ConfigureAwait(false);
                if (spent > 0)
                {
                    leftover -= spent - plan.SignatureCost;
                }
                else
                {
                    plan.State = previous;
                }
            }
        }

        foreach (UnitPlan plan in order)
        {
            int extra = open[plan.File] ? 0 : _files[plan.File].Overhead;
            int upgrade = plan.FullCost - plan.Cost(plan.State) + extra;
            if (plan.State != UnitState.Full && upgrade <= leftover)
            {
                plan.State = UnitState.Full;
                leftover -= upgrade;
                open[plan.File] = true;
            }
        }

        foreach (FilePlan file in _files)
        {
            file.Dirty = true;
        }
    }

    /// <summary>Keeps <paramref name="plan"/> whole if it fits in <paramref name="room"/>, else its best blocks; returns the tokens spent.</summary>
    private async Task<long> TakeAsync(UnitPlan plan, long room, bool[] open, CancellationToken cancellationToken)
    {
        int extra = open[plan.File] ? 0 : _files[plan.File].Overhead;
        if (plan.FullCost + extra <= room)
        {
            plan.State = UnitState.Full;
            open[plan.File] = true;
            return plan.FullCost + extra;
        }

        long blockRoom = room - extra - plan.SignatureCost - plan.MarkerCost;
        if (plan.Elidable && blockRoom >= _options.MinPartialTokens && await TryPartialAsync(plan, (int)Math.Min(blockRoom, int.MaxValue), cancellationToken).ConfigureAwait(false))
        {
            plan.State = UnitState.Partial;
            open[plan.File] = true;
            return plan.PartialCost + extra;
        }

        return 0;
    }

    /// <summary>Keeps the imports of open files, in order, while they fit; returns the tokens spent.</summary>
    private long TakeImports(bool[] open, long room)
    {
        long spent = 0;
        for (int f = 0; f < _files.Count; f++)
        {
            if (!open[f])
            {
                continue;
            }

            foreach (UnitPlan plan in _files[f].Units)
            {
                if (plan.IsImport && plan.IsLeaf && plan.State == UnitState.Dropped && spent + plan.FullCost <= room)
                {
                    plan.State = UnitState.Full;
                    spent += plan.FullCost;
                }
            }
        }

        return spent;
    }

    private async Task<bool> TryPartialAsync(UnitPlan plan, int capacity, CancellationToken cancellationToken)
    {
        ParsedCode code = _files[plan.File].Code;
        double[] lineSurprisal = [];
        (int firstLine, int lastLine) = BlockSplitter.BodyLines(code, plan.Unit);
        if (firstLine < 0)
        {
            return false;
        }

        if (_scorer is not null)
        {
            string body = code.Text[code.Lines[firstLine].Start..code.Lines[lastLine].End];
            lineSurprisal = await MutualInformation.LineSurprisalAsync(_scorer, body, cancellationToken).ConfigureAwait(false);
        }

        List<CodeBlock> blocks = BlockSplitter.Split(code, plan.Unit, _options.MaxBlockLines, lineSurprisal, _options.SurprisalShiftThreshold);
        if (blocks.Count < 2)
        {
            return false;
        }

        int nb = blocks.Count;
        var costs = new int[nb];
        var values = new double[nb];
        var relevance = new double[nb];
        long totalCost = 0;
        for (int b = 0; b < nb; b++)
        {
            costs[b] = Math.Max(1, Count(code.Text, blocks[b].Span.Start, blocks[b].Span.End));
            totalCost += costs[b];
        }

        if (_query is not null)
        {
            double[]? modelRelevance = null;
            if (_scorer is not null)
            {
                var texts = new string[nb];
                for (int b = 0; b < nb; b++)
                {
                    texts[b] = code.Text.Substring(blocks[b].Span.Start, blocks[b].Span.Length);
                }

                modelRelevance = await MutualInformation.ComputeAsync(_scorer, _query, texts, _options.ScoringBatchSize, _options.MaxScoredCharacters, cancellationToken).ConfigureAwait(false);
            }

            for (int b = 0; b < nb; b++)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                int length = IdentifierSplitter.AddTerms(code.Text.AsSpan(blocks[b].Span.Start, blocks[b].Span.Length), counts, null, dropStopWords: false);
                relevance[b] = _index!.Score(_queryTerms.Keys, counts, length);
            }

            NormalizeMax(relevance);
            if (modelRelevance is not null)
            {
                FuseModelRelevance(relevance, modelRelevance);
            }
        }

        double averageCost = (double)totalCost / nb;
        for (int b = 0; b < nb; b++)
        {
            double position = nb > 1 ? 1 - ((double)b / (nb - 1)) : 1;
            values[b] = relevance[b] + (0.01 * costs[b] / averageCost * (1 + (0.5 * position)));
        }

        bool[] kept = Knapsack.Solve(costs, values, capacity);
        int keptCost = 0;
        int droppedRuns = 0;
        for (int b = 0; b < nb; b++)
        {
            if (kept[b])
            {
                keptCost += costs[b];
            }
            else if (b == 0 || kept[b - 1])
            {
                droppedRuns++;
            }
        }

        if (keptCost == 0)
        {
            return false;
        }

        plan.Blocks = blocks;
        plan.KeptBlocks = kept;
        plan.PartialCost = plan.FullCost - plan.BodyCost + keptCost + (droppedRuns * plan.MarkerCost);
        return true;
    }

    private void FitExactly(CancellationToken cancellationToken)
    {
        var ascending = ByScoreDescending();
        ascending.Reverse();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long total = 0;
            foreach (FilePlan file in _files)
            {
                if (file.Dirty)
                {
                    file.Result = Render(file);
                    file.Tokens = _counter.CountTokens(file.Result.Text);
                    file.Dirty = false;
                }

                total += file.Tokens;
            }

            if (total <= _budget)
            {
                return;
            }

            long over = total - _budget;
            long saved = 0;
            bool changed = false;
            while (saved < over && NextDegrade(ascending, out int saving))
            {
                saved += Math.Max(1, saving);
                changed = true;
            }

            if (changed)
            {
                continue;
            }

            if (CloseWeakestFile())
            {
                continue;
            }

            // Last resort: cut the one open file (or the single file) to a prefix that fits.
            FilePlan? target = null;
            foreach (FilePlan file in _files)
            {
                if (file.Tokens > 0 && (target is null || file.Tokens > target.Tokens))
                {
                    target = file;
                }
            }

            if (target is null || target.TruncateTo >= 0)
            {
                foreach (FilePlan file in _files)
                {
                    file.Result = CompressedText.FromSpans(file.Code.Text, [], _method);
                    file.Tokens = 0;
                }

                return;
            }

            target.TruncateTo = (int)Math.Max(0, _budget - (total - target.Tokens));
            target.Dirty = true;
        }
    }

    /// <summary>
    /// Applies the next cheapest loss, in this order: bodies of unnamed units (lowest score first), their signatures, imports,
    /// containers none of whose members is kept, units the query names, then any container. (The free-standing comments are
    /// left out from the start and only come back in the refill.)
    /// </summary>
    private bool NextDegrade(List<UnitPlan> ascending, out int saving)
    {
        foreach (UnitPlan plan in ascending)
        {
            if (plan.State is UnitState.Full or UnitState.Partial && !plan.IsNamed)
            {
                saving = Degrade(plan);
                return true;
            }
        }

        foreach (UnitPlan plan in ascending)
        {
            if (plan.State == UnitState.Signature && !plan.IsNamed)
            {
                saving = Degrade(plan);
                return true;
            }
        }

        for (int f = _files.Count - 1; f >= 0; f--)
        {
            FilePlan file = _files[f];
            for (int u = file.Units.Length - 1; u >= 0 && file.IsOpen; u--)
            {
                UnitPlan plan = file.Units[u];
                if (plan.IsImport && plan.IsLeaf && plan.State != UnitState.Dropped)
                {
                    saving = plan.FullCost;
                    plan.State = UnitState.Dropped;
                    file.Dirty = true;
                    return true;
                }
            }
        }

        if (DropContainer(onlyEmpty: true, out saving))
        {
            return true;
        }

        foreach (UnitPlan plan in ascending)
        {
            if (plan.IsNamed && plan.State != UnitState.Dropped)
            {
                saving = Degrade(plan);
                return true;
            }
        }

        return DropContainer(onlyEmpty: false, out saving);
    }

    private int Degrade(UnitPlan plan)
    {
        UnitState next = plan.State is UnitState.Full or UnitState.Partial && plan.Elidable && plan.SignatureCost < plan.Cost(plan.State)
            ? UnitState.Signature
            : UnitState.Dropped;
        int saving = plan.Cost(plan.State) - plan.Cost(next);
        plan.State = next;
        _files[plan.File].Dirty = true;
        return saving;
    }

    private bool DropContainer(bool onlyEmpty, out int saving)
    {
        for (int f = _files.Count - 1; f >= 0; f--)
        {
            FilePlan file = _files[f];
            if (!file.IsOpen)
            {
                continue;
            }

            bool[] kept = KeptDescendants(file);
            for (int u = file.Units.Length - 1; u >= 0; u--)
            {
                UnitPlan plan = file.Units[u];
                if (!plan.IsLeaf && !plan.ForceDropped && !(onlyEmpty && kept[u]) && (plan.Unit.Parent < 0 || !file.Units[plan.Unit.Parent].ForceDropped))
                {
                    saving = Math.Max(1, Count(file.Code.Text, plan.LeadingStart, plan.Unit.Span.End) - plan.BodyCost);
                    plan.ForceDropped = true;
                    file.Dirty = true;
                    return true;
                }
            }
        }

        saving = 0;
        return false;
    }

    private static bool[] KeptDescendants(FilePlan file)
    {
        UnitPlan[] units = file.Units;
        var kept = new bool[units.Length];
        for (int u = units.Length - 1; u >= 0; u--)
        {
            UnitPlan plan = units[u];
            if (plan.Ranked && plan.State != UnitState.Dropped)
            {
                kept[u] = true;
            }

            if (kept[u] && plan.Unit.Parent >= 0)
            {
                kept[plan.Unit.Parent] = true;
            }
        }

        return kept;
    }

    private bool CloseWeakestFile()
    {
        FilePlan? weakest = null;
        int open = 0;
        foreach (FilePlan file in _files)
        {
            if (file.Tokens > 0 && file.CanClose && !file.ForceClosed)
            {
                open++;
                if (weakest is null || file.BestScore < weakest.BestScore)
                {
                    weakest = file;
                }
            }
        }

        if (open < 2 || weakest is null)
        {
            return false;
        }

        weakest.ForceClosed = true;
        weakest.Dirty = true;
        return true;
    }

    /// <summary>Renders the file as if it were open with every ranked unit dropped (its skeleton and imports).</summary>
    private CompressedText RenderOpen(FilePlan file) => RenderDrops(file, forceOpen: true);

    private CompressedText Render(FilePlan file) => RenderDrops(file, forceOpen: false);

    private CompressedText RenderDrops(FilePlan file, bool forceOpen)
    {
        string text = file.Code.Text;
        if (!forceOpen && !file.IsOpen)
        {
            return CompressedText.FromSpans(text, [], _method);
        }

        if (!forceOpen && file.TruncateTo >= 0)
        {
            return Truncate(file);
        }

        bool[] kept = KeptDescendants(file);
        var drops = new List<TextSpan>();
        foreach (int top in file.TopLevel)
        {
            RenderUnit(file, top, kept, drops);
        }

        foreach (TextSpan gap in DroppedGaps(file, kept, _options.KeepDocComments))
        {
            drops.Add(gap);
        }

        if (drops.Count == 0)
        {
            return CompressedText.Unchanged(text, _method);
        }

        drops.Sort((a, b) => a.Start.CompareTo(b.Start));
        var keptSpans = new List<TextSpan>(drops.Count + 1);
        int cursor = 0;
        int i = 0;
        while (i < drops.Count)
        {
            int start = drops[i].Start;
            int end = drops[i].End;
            i++;
            while (i < drops.Count && (drops[i].Start <= end || text.AsSpan(end, drops[i].Start - end).IsWhiteSpace()))
            {
                end = Math.Max(end, drops[i].End);
                i++;
            }

            if (start > cursor)
            {
                keptSpans.Add(TextSpan.FromBounds(cursor, start));
            }

            cursor = Math.Max(cursor, end);
        }

        if (cursor < text.Length)
        {
            keptSpans.Add(TextSpan.FromBounds(cursor, text.Length));
        }

        return CompressedText.FromSpans(text, keptSpans, _method, file.Marker);
    }

    private static void RenderUnit(FilePlan file, int u, bool[] kept, List<TextSpan> drops)
    {
        UnitPlan plan = file.Units[u];
        CodeUnit unit = plan.Unit;
        if (!plan.IsLeaf)
        {
            if (plan.ForceDropped)
            {
                Drop(drops, plan.LeadingStart, unit.Span.End);
            }
            else if (!kept[u])
            {
                if (unit.HasBody)
                {
                    Drop(drops, unit.Body.Start, unit.Body.End);
                }
                else
                {
                    Drop(drops, plan.LeadingStart, unit.Span.End);
                }
            }
            else
            {
                foreach (int child in file.Children[u]!)
                {
                    RenderUnit(file, child, kept, drops);
                }
            }

            return;
        }

        switch (plan.State)
        {
            case UnitState.Dropped:
                Drop(drops, plan.LeadingStart, unit.Span.End);
                break;
            case UnitState.Signature:
                Drop(drops, unit.Body.Start, unit.Body.End);
                break;
            case UnitState.Partial:
                for (int b = 0; b < plan.Blocks!.Count; b++)
                {
                    if (!plan.KeptBlocks![b])
                    {
                        Drop(drops, plan.Blocks[b].Span.Start, plan.Blocks[b].Span.End);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// The free-standing comments not brought back by the refill: the text outside the top-level units and between the members
    /// of kept containers (licence headers, section banners, docstrings of classes) that holds more than whitespace, the
    /// comment lines directly above each container that is not left out whole (its doc comment), and unless
    /// <paramref name="keepDocComments"/>, those above each kept leaf unit.
    /// </summary>
    private static List<TextSpan> DroppedGaps(FilePlan file, bool[] kept, bool keepDocComments)
    {
        var gaps = new List<TextSpan>();
        AddGaps(file, 0, file.Code.Text.Length, file.TopLevel, gaps);
        for (int u = 0; u < file.Units.Length; u++)
        {
            UnitPlan plan = file.Units[u];
            if (!keepDocComments && plan.IsLeaf && plan.State != UnitState.Dropped)
            {
                AddGap(file, plan.LeadingStart, plan.Unit.Span.Start, gaps);
            }

            if (!plan.IsLeaf && !plan.ForceDropped && (plan.Unit.Parent < 0 || !file.Units[plan.Unit.Parent].ForceDropped))
            {
                // A class's summary and remarks would otherwise be skeleton: in one dev task 500 tokens of an 821-token budget.
                AddGap(file, plan.LeadingStart, plan.Unit.Span.Start, gaps);
                if (kept[u] && plan.Unit.HasBody)
                {
                    AddGaps(file, plan.Unit.Body.Start, plan.Unit.Body.End, file.Children[u]!, gaps);
                }
            }
        }

        return gaps;
    }

    /// <summary>Adds the stretches of [start, end) outside the given members that hold more than whitespace and were not brought back.</summary>
    private static void AddGaps(FilePlan file, int start, int end, List<int> members, List<TextSpan> gaps)
    {
        int cursor = start;
        foreach (int member in members)
        {
            AddGap(file, cursor, Math.Max(cursor, file.Units[member].LeadingStart), gaps);
            cursor = Math.Max(cursor, file.Units[member].Unit.Span.End);
        }

        AddGap(file, cursor, end, gaps);
    }

    private static void AddGap(FilePlan file, int start, int end, List<TextSpan> gaps)
    {
        // Without the whitespace around it: the marker takes the comment's place on its own line, and the next line keeps its start.
        string text = file.Code.Text;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start && !file.KeptGaps.Contains(start) && !HasDirectiveThatMustStay(file.Code, start, end))
        {
            gaps.Add(TextSpan.FromBounds(start, end));
        }
    }

    /// <summary>
    /// Whether [start, end) holds a directive that must stay: conditionals and regions come in pairs (<c>#if</c> ... <c>#endif</c>),
    /// and <c>#define</c> / <c>#undef</c> change what they select. Others (<c>#pragma warning</c>, <c>#nullable</c>) may go.
    /// </summary>
    private static bool HasDirectiveThatMustStay(ParsedCode code, int start, int end)
    {
        for (int line = code.LineOf(start); line < code.Lines.Length && code.Lines[line].Start < end; line++)
        {
            if (code.Lines[line].IsPreprocessor && IsPairedOrDefining(code.Text.AsSpan(code.Lines[line].ContentStart, code.Lines[line].ContentEnd - code.Lines[line].ContentStart)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPairedOrDefining(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || line[0] != '#')
        {
            return false;
        }

        ReadOnlySpan<char> rest = line[1..].TrimStart();
        int length = 0;
        while (length < rest.Length && char.IsAsciiLetter(rest[length]))
        {
            length++;
        }

        return rest[..length] is "if" or "ifdef" or "ifndef" or "elif" or "elifdef" or "elifndef" or "else" or "endif" or "region" or "endregion" or "define" or "undef";
    }

    private static void Drop(List<TextSpan> drops, int start, int end)
    {
        if (end > start)
        {
            drops.Add(TextSpan.FromBounds(start, end));
        }
    }

    private CompressedText Truncate(FilePlan file)
    {
        string text = file.Code.Text;
        int allowance = file.TruncateTo;
        int markerCost = _counter.CountTokens(file.Marker);
        int limit = allowance - markerCost;
        while (limit > 0)
        {
            int length = _counter.GetPrefixLength(text, limit);
            int newline = length > 0 ? text.LastIndexOf('\n', length - 1) : -1;
            if (newline > 0)
            {
                length = newline + 1;
            }

            if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            {
                length--;
            }

            if (length <= 0)
            {
                break;
            }

            CompressedText candidate = CompressedText.FromSpans(text, [new TextSpan(0, length)], _method, file.Marker);
            int tokens = _counter.CountTokens(candidate.Text);
            if (tokens <= allowance)
            {
                return candidate;
            }

            limit -= Math.Max(1, tokens - allowance);
        }

        return CompressedText.FromSpans(text, [], _method);
    }
}
