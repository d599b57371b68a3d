using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Squeeze.Code;

public sealed class CodeCompressorTests
{
    public static TheoryData<string, string, string> NamedQueries => new()
    {
        { "Inventory.cs", "RemoveStock", "How does RemoveStock handle a missing item?" },
        { "parser.py", "parse_pair", "What does parse_pair do with quoted values?" },
        { "router.js", "compile", "How does compile turn a pattern into a regex?" },
        { "store.ts", "findByTag", "Explain findByTag" },
        { "Ledger.java", "filter", "How does filter select entries?" },
        { "cache.go", "Sweep", "When does Sweep remove entries?" },
        { "tokens.rs", "count_idents", "How does count_idents count words?" },
        { "matrix.c", "matrix_trace", "What does matrix_trace sum?" },
        { "shapes.cpp", "total_area", "How is total_area computed?" },
    };

    [Theory]
    [MemberData(nameof(NamedQueries))]
    public async Task Compress_Samples_KeepInvariantsAtSeveralRatios(string file, string unit, string query)
    {
        _ = unit;
        string text = TestSupport.Sample(file);
        int tokens = TestSupport.Counter.CountTokens(text);
        string marker = ElisionMarkers.For(LanguageDetector.FromName(file));
        foreach (int ratio in (int[])[2, 4, 8, 20])
        {
            int budget = tokens / ratio;
            CompressedText result = await TestSupport.CompressAsync(text, file, query, budget);
            Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget, $"{file} at {ratio}x");
            TestSupport.AssertSpansAndMarkers(text, result, marker);
            foreach (string line in result.Text.Split('\n'))
            {
                // A marker stands on a line of its own, but for the elided body of a one-line function (void F() { /* … */ }).
                string trimmed = line.Trim();
                bool alone = trimmed == marker.Trim() || trimmed.EndsWith("{ " + marker + " }", StringComparison.Ordinal) || trimmed.EndsWith(": " + marker, StringComparison.Ordinal);
                Assert.True(!line.Contains(marker, StringComparison.Ordinal) || alone, $"{file} at {ratio}x: the marker shares a line: {line}");
            }
        }

        CompressedText unchanged = await TestSupport.CompressAsync(text, file, query, tokens);
        Assert.Equal(text, unchanged.Text);
    }

    [Theory]
    [MemberData(nameof(NamedQueries))]
    public async Task Compress_UnitNamedByQuery_SurvivesWholeAtFourTimes(string file, string unit, string query)
    {
        string text = TestSupport.Sample(file);
        CodeUnit named = CodeParser.Parse(text, LanguageDetector.FromName(file)).First(u => u.Name == unit);
        int budget = TestSupport.Counter.CountTokens(text) / 4;
        CompressedText result = await TestSupport.CompressAsync(text, file, query, budget);
        Assert.Contains(text.Substring(named.Span.Start, named.Span.Length), result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_CSharpWithElision_ParsesWithoutNewErrors()
    {
        string text = TestSupport.Sample("Inventory.cs");
        int before = CSharpSyntaxTree.ParseText(text).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        int tokens = TestSupport.Counter.CountTokens(text);
        foreach (int ratio in (int[])[2, 3, 4, 6])
        {
            CompressedText result = await TestSupport.CompressAsync(text, "cs", "How is the inventory valued?", tokens / ratio);
            Assert.Contains(ElisionMarkers.BlockComment, result.Text, StringComparison.Ordinal);
            int after = CSharpSyntaxTree.ParseText(result.Text).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            Assert.True(after <= before, $"{after} errors at {ratio}x:\n{result.Text}");
        }
    }

    [Fact]
    public async Task Compress_DroppedFunctions_KeepSignaturesWithElidedBodies()
    {
        string text = TestSupport.Sample("parser.py");
        CompressedText result = await TestSupport.CompressAsync(text, "py", "parse_header", TestSupport.Counter.CountTokens(text) / 2);
        Assert.Contains("def parse_header(line):", result.Text, StringComparison.Ordinal);
        Assert.Matches(@"def \w+\([^)]*\):\n\s+\.\.\.\n", result.Text);
    }

    [Fact]
    public async Task Compress_WithScorer_UsesMutualInformationAndChangesRanking()
    {
        string text = TestSupport.Sample("Inventory.cs");
        int budget = TestSupport.Counter.CountTokens(text) / 3;
        const string query = "Which method should I read?";
        var scorer = new FakeTokenScorer("price(item)");
        var compressor = new CodeCompressor(scorer);
        Assert.Equal("code-longcodezip", compressor.Name);
        Assert.Equal("code-bm25", new CodeCompressor().Name);
        CompressedText withModel = await compressor.CompressAsync(new SegmentCompressionRequest(text, budget, TestSupport.Counter) { Query = query, Language = "cs" });
        CompressedText without = await TestSupport.CompressAsync(text, "cs", query, budget);
        const string valuationBody = "total += price(item) * quantity;";
        Assert.Contains(valuationBody, withModel.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(valuationBody, without.Text, StringComparison.Ordinal);
        Assert.True(scorer.Calls > 0);
        Assert.Contains(scorer.Inputs, i => i.Text == query && i.Prefix is null);
        Assert.Contains(scorer.Inputs, i => i.Text == query && i.Prefix?.Contains("Valuation", StringComparison.Ordinal) == true);
        Assert.True(TestSupport.Counter.CountTokens(withModel.Text) <= budget);
    }

    [Fact]
    public async Task Compress_PrefersUnitsNextToTheNamedUnit()
    {
        // Six look-alike helpers, none related to the query by words; the query names handle (body removed, last in the file).
        var text = new System.Text.StringBuilder();
        foreach (string name in (string[])["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"])
        {
            text.Append($"def {name}(rows):\n    total = 0\n    for row in rows:\n        total += len(row) * 3\n    return total\n\n\n");
        }

        text.Append("def handle(request):\n    ...\n");
        string source = text.ToString();
        int budget = TestSupport.Counter.CountTokens(source) * 2 / 5;
        const string foxtrot = "def foxtrot(rows):\n    total = 0";
        const string alpha = "def alpha(rows):\n    total = 0";

        CompressedText near = await CompressAsync(source, "def handle(request):", budget, new CodeCompressionOptions());
        CompressedText plain = await CompressAsync(source, "def handle(request):", budget, new CodeCompressionOptions { ProximityBoost = 0 });

        Assert.True(near.Text.Contains(foxtrot, StringComparison.Ordinal), near.Text + "\n----\n" + plain.Text);
        Assert.DoesNotContain(foxtrot, plain.Text, StringComparison.Ordinal);
        Assert.Contains(alpha, plain.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(near.Text) <= budget);
    }

    [Fact]
    public async Task Compress_TakesTheBestScoredUnitsBeforeCheaperOnes()
    {
        // parse_header matches the query best but is long; 152 one-line functions each share one query word. By score per token
        // alone the one-liners fill the budget; with TopUnitsFirst the best-scored unit is kept whole first.
        var text = new System.Text.StringBuilder("def parse_header(stream):\n");
        for (int i = 0; i < 12; i++)
        {
            text.Append($"    field{i} = stream.read_header_field({i}, checksum=True, strict=False, limit={100 + i})\n");
        }

        text.Append("    return parse_fields(stream)\n\n\n");
        for (int i = 0; i < 19; i++)
        {
            foreach (string word in (string[])["header", "parse", "stream", "field", "read", "checksum", "strict", "limit"])
            {
                text.Append($"def use_{word}_{i}(value):\n    return value.{word}_value + {i}\n\n\n");
            }
        }

        string source = text.ToString();
        const string query = "How is the stream header parsed, field by field, with checksum?";
        var options = new CodeCompressionOptions { ProximityBoost = 0, FanInBoost = 0, CallGraphBoost = 0, UncalledHelperBoost = 0 };
        int budget = TestSupport.Counter.CountTokens(source) * 3 / 5;
        CompressedText first = await CompressAsync(source, query, budget, options);
        options.TopUnitsFirst = 0;
        CompressedText byDensity = await CompressAsync(source, query, budget, options);

        string body = source[source.IndexOf("    field0", StringComparison.Ordinal)..source.IndexOf("def use_", StringComparison.Ordinal)];
        Assert.True(first.Text.Contains(body, StringComparison.Ordinal), first.Text + "\n----\n" + byDensity.Text);
        Assert.DoesNotContain(body, byDensity.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(first.Text) <= budget);
    }

    [Fact]
    public async Task Compress_PrefersPrivateHelpersThatNothingCalls()
    {
        // Two look-alike private helpers, unrelated to the query by words: _alpha is called by summary, _bravo by nothing (its
        // caller is the code the query asks about, whose body is missing). Other signals are off, so only the boost tells them apart.
        const string helper = "(rows):\n    total = 0\n    for row in rows:\n        total += len(row) * 3\n    return total\n\n\n";
        string source = "def _alpha" + helper + "def _bravo" + helper + "def summary(rows):\n    return _alpha(rows)\n\n\n"
            + "def handle(request):\n    ...\n";
        int budget = TestSupport.Counter.CountTokens(source) * 3 / 5;
        CompressedText boosted = await CompressAsync(source, "def handle(request):", budget, new CodeCompressionOptions { ProximityBoost = 0, FanInBoost = 0, CallGraphBoost = 0 });
        CompressedText plain = await CompressAsync(source, "def handle(request):", budget, new CodeCompressionOptions { ProximityBoost = 0, FanInBoost = 0, CallGraphBoost = 0, UncalledHelperBoost = 0 });

        const string alpha = "def _alpha(rows):\n    total = 0", bravo = "def _bravo(rows):\n    total = 0";
        Assert.True(boosted.Text.Contains(bravo, StringComparison.Ordinal), boosted.Text + "\n----\n" + plain.Text);
        Assert.DoesNotContain(alpha, boosted.Text, StringComparison.Ordinal);
        Assert.Contains(alpha, plain.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(bravo, plain.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(boosted.Text) <= budget);
    }

    [Theory]
    [InlineData("Text returns the text of the comment.\nfunc (g *CommentGroup) Text() string {", "text,commentgroup")]
    [InlineData("def _mean_stdev(data):\n    \"\"\"Compute the mean in one pass.\"\"\"", "_mean_stdev")]
    [InlineData("Why does stripTrailingWhitespace keep tabs? See parse_block too.", "striptrailingwhitespace,parse_block")]
    [InlineData("Returns the comment string, or an empty string.", "")]
    public void AddCodeNames_TakesCallsAndMultiWordIdentifiers_NotProseWords(string query, string expected)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        IdentifierSplitter.AddCodeNames(query, names);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), names.Order());
    }

    [Fact]
    public async Task Compress_ProseWordsOfTheQueryDoNotNameUnits()
    {
        // "comment" and "string" in the doc comment are also unit names; only render() is named, so closeness counts from it:
        // delta (next to render) is kept over alpha (next to string), which a prose match would have preferred.
        var text = new System.Text.StringBuilder("def comment(rows):\n    return [r for r in rows if r]\n\n\ndef string(rows):\n    return ''.join(rows)\n\n\n");
        foreach (string name in (string[])["alpha", "bravo", "charlie", "delta"])
        {
            text.Append($"def {name}(rows):\n    total = 0\n    for row in rows:\n        total += len(row) * 3\n    return total\n\n\n");
        }

        text.Append("def render(request):\n    ...\n");
        string source = text.ToString();
        int budget = TestSupport.Counter.CountTokens(source) / 2;

        CompressedText result = await CompressAsync(source, "Renders the comment string.\ndef render(request):", budget, new CodeCompressionOptions());

        Assert.Contains("def delta(rows):\n    total = 0", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("def alpha(rows):\n    total = 0", result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
    }

    [Fact]
    public async Task Compress_CallsToACommonNameAreSharedAmongItsUnits()
    {
        // Ten one-line pos() methods share the eight calls to pos(); the helper called four times by name is the hub.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            text.Append($"class Node{i}:\n    def pos(self):\n        return self.start{i}\n\n\n");
        }

        text.Append("def checksum(values, mask):\n    return sum(values) & mask\n\n\n");
        for (int i = 0; i < 4; i++)
        {
            text.Append($"def user{i}(node, values):\n    return node.pos() + node.pos() + checksum(values, {i})\n\n\n");
        }

        string source = text.ToString();
        int budget = TestSupport.Counter.CountTokens(source) / 3;
        CompressedText result = await CompressAsync(source, "Tell me about this file.", budget, new CodeCompressionOptions { ProximityBoost = 0, CallGraphBoost = 0, FanInBoost = 3 });

        Assert.Contains("return sum(values) & mask", result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
    }

    [Fact]
    public async Task Compress_PrefersPrivateHelpers_OverPublicFunctionsOfEqualStanding()
    {
        // Both helpers are called once, by the same function, and say nothing the query asks: only being private tells them
        // apart (without PrivateFunctionBoost the earlier one wins the tie).
        string source = "def public_tail(rows):\n    return sorted(rows)[:3] + [len(rows), min(rows), max(rows), sum(rows), rows.count(0)]\n\n\n"
            + "def _private_tail(rows):\n    return sorted(rows)[:5] + [len(rows), min(rows), max(rows), sum(rows), rows.count(0)]\n\n\n"
            + "def first(items, count, label, extra, more):\n    values = public_tail(items) + _private_tail(items[1:])\n    return values * count\n\n\n";
        int budget = TestSupport.Counter.CountTokens(source) * 2 / 3;
        var options = new CodeCompressionOptions { ProximityBoost = 0, TopUnitsFirst = 0 };
        CompressedText preferred = await CompressAsync(source, "Tell me about this file.", budget, options);
        options.PrivateFunctionBoost = 0;
        CompressedText tie = await CompressAsync(source, "Tell me about this file.", budget, options);

        Assert.Contains("return sorted(rows)[:5]", preferred.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("return sorted(rows)[:3]", preferred.Text, StringComparison.Ordinal);
        Assert.Contains("return sorted(rows)[:3]", tie.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("_")] // identifiers are split without their underscores (self._shared(...) gives "shared"); the call graph must find _shared too
    public async Task Compress_PrefersUnitsManyOthersCall(string prefix)
    {
        var text = new System.Text.StringBuilder($"def {prefix}unused(rows):\n    return sorted(rows)[:3] + [len(rows), min(rows), max(rows), sum(rows), rows.count(0)]\n\n\n");
        text.Append($"def {prefix}shared(rows):\n    return sorted(rows)[:5] + [len(rows), min(rows), max(rows), sum(rows), rows.count(0)]\n\n\n");
        foreach (string name in (string[])["first", "second", "third"])
        {
            text.Append($"def {name}(items, count, label, extra, more):\n    values = {prefix}shared(items) + {prefix}shared(items[1:]) + {prefix}shared(items[2:])\n    return values * count\n\n\n");
        }

        string source = text.ToString();
        int budget = TestSupport.Counter.CountTokens(source) / 3;
        var options = new CodeCompressionOptions { ProximityBoost = 0, CallGraphBoost = 0, UncalledHelperBoost = 0, FanInBoost = 3 };
        CompressedText withFanIn = await CompressAsync(source, "Tell me about this file.", budget, options);
        options.FanInBoost = 0;
        CompressedText without = await CompressAsync(source, "Tell me about this file.", budget, options);

        Assert.Contains("return sorted(rows)[:5]", withFanIn.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("return sorted(rows)[:5]", without.Text, StringComparison.Ordinal);
        Assert.Contains("return sorted(rows)[:3]", without.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_FreeStandingComments_GiveWayToCode_AndSmallOnesComeBackWhenThereIsRoom()
    {
        // A licence header and a section banner are text outside every unit: they must not take the budget that the code needs.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            text.Append($"# Licensed under the Example Licence, version {i}. Redistribution permitted under its terms only.\n");
        }

        text.Append("\nimport os\n\n\n");
        foreach (string name in (string[])["alpha", "bravo", "charlie", "delta"])
        {
            text.Append($"def {name}(rows):\n    total = 0\n    for row in rows:\n        total += len(row) * 3\n    return total\n\n\n");
        }

        text.Append("# Request handling\n\n");
        text.Append("def handle(request):\n    ...\n");
        string source = text.ToString();
        int tokens = TestSupport.Counter.CountTokens(source);

        CompressedText tight = await CompressAsync(source, "def handle(request):", tokens / 2, new CodeCompressionOptions());
        CompressedText roomy = await CompressAsync(source, "def handle(request):", tokens - 10, new CodeCompressionOptions());

        Assert.DoesNotContain("Licensed under", tight.Text, StringComparison.Ordinal);
        Assert.Contains("def delta(rows):\n    total = 0", tight.Text, StringComparison.Ordinal);
        Assert.Contains("def charlie(rows):\n    total = 0", tight.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Licensed under", roomy.Text, StringComparison.Ordinal);
        Assert.Contains("# Request handling\n", roomy.Text, StringComparison.Ordinal);
        Assert.Contains("def alpha(rows):\n    total = 0", roomy.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(tight.Text) <= tokens / 2);
        Assert.True(TestSupport.Counter.CountTokens(roomy.Text) <= tokens - 10);
        TestSupport.AssertSpansAndMarkers(source, tight, ElisionMarkers.For(CodeLanguage.Python));
    }

    [Fact]
    public async Task Compress_ClassDocComment_GivesWayToMembers_AndComesBackWhenThereIsRoom()
    {
        // A kept class's own doc comment is skeleton, not code: long remarks must not take the room its methods need.
        static string Source(int remarkLines, int licenceLines)
        {
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < licenceLines; i++)
            {
                text.Append($"// Licensed under the Example Licence, version {i}. Redistribution permitted under its terms only.\n");
            }

            text.Append("namespace Shop;\n\n/// <summary>Keeps the stock of a shop.</summary>\n");
            for (int i = 0; i < remarkLines; i++)
            {
                text.Append($"/// <remarks>Remark {i}: the stock is counted per item and per warehouse, and restocked every night.</remarks>\n");
            }

            text.Append("public sealed class Inventory\n{\n").Append(StockMethods("private")).Append("    public int Total(int item)\n    {\n    }\n}\n");
            return text.ToString();
        }

        string remarks = Source(remarkLines: 12, licenceLines: 0);
        int tokens = TestSupport.Counter.CountTokens(remarks);
        CompressedText tight = await TestSupport.CompressAsync(remarks, "cs", "public int Total(int item)", tokens / 2);

        Assert.DoesNotContain("Remark 0:", tight.Text, StringComparison.Ordinal);
        Assert.Contains("public sealed class Inventory", tight.Text, StringComparison.Ordinal);
        foreach (string name in (string[])["Count", "Reserve", "Release", "Restock"])
        {
            Assert.Contains($"return total + {name.Length};", tight.Text, StringComparison.Ordinal);
        }

        Assert.True(TestSupport.Counter.CountTokens(tight.Text) <= tokens / 2);
        TestSupport.AssertSpansAndMarkers(remarks, tight, ElisionMarkers.For(CodeLanguage.CSharp));

        // With a long licence left out and room for the rest, the short class comment comes back.
        string licence = Source(remarkLines: 1, licenceLines: 12);
        int all = TestSupport.Counter.CountTokens(licence);
        CompressedText roomy = await TestSupport.CompressAsync(licence, "cs", "public int Total(int item)", all - 40);
        Assert.DoesNotContain("Licensed under", roomy.Text, StringComparison.Ordinal);
        Assert.Contains("/// <summary>Keeps the stock of a shop.</summary>\n/// <remarks>Remark 0:", roomy.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(roomy.Text) <= all - 40);
    }

    [Fact]
    public async Task Compress_PragmaLines_GiveWayToCode_ButConditionalDirectivesStay()
    {
        // #pragma warning lines only silence analyzers: with the licence above them they are skeleton the code needs the room of.
        // #if ... #endif come in pairs, so the text between members that holds them stays.
        var text = new System.Text.StringBuilder("// Licensed under the Example Licence.\n");
        for (int i = 0; i < 10; i++)
        {
            text.Append($"#pragma warning disable CA{1000 + i} // Analyzer rule {i} does not apply to this generated-looking file\n");
        }

        text.Append("\nnamespace Shop;\n\npublic static class Calc\n{\n#if DEBUG\n    private static int Trace(int x) => x;\n#endif\n\n");
        text.Append(StockMethods("private static")).Append("    public static int Total(int item)\n    {\n    }\n}\n");
        string source = text.ToString();
        int tokens = TestSupport.Counter.CountTokens(source);

        CompressedText tight = await TestSupport.CompressAsync(source, "cs", "public static int Total(int item)", tokens / 2);

        Assert.DoesNotContain("#pragma warning", tight.Text, StringComparison.Ordinal);
        Assert.Contains("#if DEBUG", tight.Text, StringComparison.Ordinal);
        Assert.Contains("#endif", tight.Text, StringComparison.Ordinal);
        Assert.Contains("return total + 7;", tight.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(tight.Text) <= tokens / 2);
        TestSupport.AssertSpansAndMarkers(source, tight, ElisionMarkers.For(CodeLanguage.CSharp));
    }

    [Fact]
    public async Task Compress_PrefersHelpersThatCodeLikeTheQueryCalls()
    {
        // Two look-alike helpers whose names say nothing, each called twice: bravo_step by merge_runs and merge_pairs (whose words
        // the query shares), alpha_step by two unrelated functions. Only the relevance of the callers tells them apart.
        const string helperBody = "    total = 0\n    for item in items:\n        total += len(item) * 3\n    return total\n\n\n";
        var text = new System.Text.StringBuilder();
        text.Append("def alpha_step(items):\n" + helperBody + "def bravo_step(items):\n" + helperBody);
        text.Append("def merge_runs(runs, width):\n    \"\"\"Merges sorted runs of a list.\"\"\"\n    return bravo_step(runs) + width\n\n\n");
        text.Append("def merge_pairs(runs, width):\n    \"\"\"Merges sorted pairs of runs.\"\"\"\n    return bravo_step(runs) - width\n\n\n");
        foreach (string name in (string[])["open_socket", "read_config"])
        {
            text.Append($"def {name}(host, port):\n    value = alpha_step(host) + port\n");
            for (int i = 0; i < 8; i++)
            {
                text.Append($"    value = value * {i + 2} + len(host) - port\n");
            }

            text.Append("    return value\n\n\n");
        }

        string source = text.ToString();
        const string query = "Merges the sorted runs in place.\ndef merge_all(runs):";
        var options = new CodeCompressionOptions { ProximityBoost = 0, FanInBoost = 0, CallGraphBoost = 0 };
        const string bravo = "def bravo_step(items):\n    total = 0";
        const string alpha = "def alpha_step(items):\n    total = 0";
        int budget = TestSupport.Counter.CountTokens(source) / 4;
        CompressedText withCallers = await CompressAsync(source, query, budget, options);
        options.CallerRelevanceBoost = 0;
        CompressedText without = await CompressAsync(source, query, budget, options);

        Assert.Contains(bravo, withCallers.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(alpha, withCallers.Text, StringComparison.Ordinal);
        Assert.Contains(alpha, without.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(bravo, without.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(withCallers.Text) <= budget);
    }

    [Fact]
    public async Task Compress_PythonDefinitionsUnderPlatformBranches_AreRankedOneByOne()
    {
        // ctypes/util.py defines its helpers under if/elif/else: as one statement they could only be kept or dropped together.
        var text = new System.Text.StringBuilder("import os\n\n");
        foreach ((string clause, string platform) in ((string, string)[])[("if os.name == \"nt\":", "windows"), ("elif os.name == \"posix\":", "posix"), ("else:", "other")])
        {
            text.Append(clause).Append('\n');
            foreach (string helper in (string[])["probe", "scan", "locate"])
            {
                text.Append($"    def {helper}_{platform}(name):\n");
                for (int i = 0; i < 6; i++)
                {
                    text.Append($"        name = name.replace(\"{helper}{i}\", \"{platform}{i}\")\n");
                }

                text.Append("        return name\n\n");
            }
        }

        string source = text.ToString();
        int budget = TestSupport.Counter.CountTokens(source) / 4;
        CompressedText result = await TestSupport.CompressAsync(source, "py", "What does scan_posix(name) return?", budget);

        Assert.Contains("name = name.replace(\"scan3\", \"posix3\")", result.Text, StringComparison.Ordinal);
        Assert.Contains("elif os.name == \"posix\":", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("name = name.replace(\"probe3\", \"windows3\")", result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
        TestSupport.AssertSpansAndMarkers(source, result, ElisionMarkers.For(CodeLanguage.Python));
    }

    [Fact]
    public async Task Compress_CallGraph_RaisesWhatTheNamedUnitCalls_NotWhatCallsIt()
    {
        // parse_header calls read_token; main_loop calls parse_header, and so shares the query's words. Only one of them fits
        // next to parse_header: with a call graph weight that outweighs those words, the callee must win (the code the query is
        // about uses it); when a unit gained from the relevant units it calls too, main_loop won.
        const string mainLoop = "def main_loop(args):\n    for item in args:\n        parse_header(item)\n    return len(args)\n\n\n";
        string source = mainLoop
            + "def read_token(stream):\n    value = stream.pop(0)\n    while value == ' ':\n        value = stream.pop(0)\n    return value\n\n\n"
            + "def parse_header(stream):\n    name = read_token(stream)\n    return name.strip()\n";
        var options = new CodeCompressionOptions { CallGraphBoost = 1, ProximityBoost = 0, FanInBoost = 0, CallerRelevanceBoost = 0, UncalledHelperBoost = 0, KeepSignatures = false };
        int budget = TestSupport.Counter.CountTokens(source) - TestSupport.Counter.CountTokens(mainLoop) + 6;
        CompressedText result = await CompressAsync(source, "How does parse_header(stream) work?", budget, options);

        Assert.Contains("name = read_token(stream)", result.Text, StringComparison.Ordinal);
        Assert.Contains("while value == ' ':", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("for item in args:", result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
    }

    [Theory]
    [InlineData("go")] // pingMsg's unmarshal and six other message types' unmarshal: the receiver the query gives decides
    [InlineData("py")] // module-level open(url, new) and five browser classes' open(self, url, new): self is what the query lacks
    public async Task Compress_NamesakesOfTheNamedUnit_OnlyTheBestMatchIsNamed_TheOthersAreLookAlikes(string language)
    {
        // Each namesake calls the same helper. Only the namesake that matches the query best is named: the others must not all be
        // taken first and fill the budget, and the helper they share must fit.
        (string source, string query, string helperLine, string namedLine) = language == "go" ? GoNamesakes() : PythonNamesakes();
        int budget = TestSupport.Counter.CountTokens(source) / 4;
        CompressedText result = await TestSupport.CompressAsync(source, language, query, budget);

        Assert.Contains(helperLine, result.Text, StringComparison.Ordinal);
        Assert.Contains(namedLine, result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);

        static (string, string, string, string) GoNamesakes()
        {
            var text = new System.Text.StringBuilder("package tls\n\nfunc readLengthPrefixed(s *reader, out *[]byte) bool {\n\tvar length uint8\n\tif !s.readUint8(&length) {\n\t\treturn false\n\t}\n\treturn s.readBytes(int(length), out)\n}\n\n");
            foreach (string type in (string[])["helloMsg", "ticketMsg", "finishedMsg", "keyShareMsg", "certificateMsg", "statusMsg"])
            {
                text.Append($"type {type} struct {{\n\traw []byte\n\tfields [][]byte\n}}\n\nfunc (m *{type}) unmarshal(data []byte) bool {{\n\ts := reader(data)\n\tvar field []byte\n");
                for (int i = 0; i < 6; i++)
                {
                    text.Append($"\tif !readLengthPrefixed(&s, &field) || len(field) < {i + 2} {{\n\t\treturn false\n\t}}\n\tm.fields = append(m.fields, field[{i}:])\n");
                }

                text.Append("\tm.raw = data\n\treturn s.empty()\n}\n\n");
            }

            text.Append("type pingMsg struct {\n\tpayload []byte\n}\n\nfunc (m *pingMsg) unmarshal(data []byte) bool {\n}\n");
            const string query = "func (m *pingMsg) unmarshal(data []byte) bool {";
            return (text.ToString(), query, "return s.readBytes(int(length), out)", query);
        }

        static (string, string, string, string) PythonNamesakes()
        {
            var text = new System.Text.StringBuilder("def _check_url(url):\n    if not url:\n        raise ValueError(url)\n    return url.strip()\n\n\n");
            foreach (string browser in (string[])["Generic", "Background", "Unix", "Mozilla", "Konqueror"])
            {
                text.Append($"class {browser}Browser:\n    def open(self, url, new=0):\n        url = _check_url(url)\n");
                for (int i = 0; i < 6; i++)
                {
                    text.Append($"        self.args{i} = [arg.replace(\"%s\", url) for arg in self.args] + [{i}]\n");
                }

                text.Append("        return self.launch(new)\n\n\n");
            }

            text.Append("def open(url, new=0):\n    pass\n");
            return (text.ToString(), "def open(url, new=0):", "raise ValueError(url)", "def open(url, new=0):\n    pass");
        }
    }

    [Fact]
    public async Task Compress_WithScorer_BlendsTheModelsRelevanceIntoBm25()
    {
        // alpha matches the query's words; the fake model finds only bravo (its cue) informative. Alone the model would rank bravo
        // first; blended with BM25 (the default weight) alpha still comes first, and with weight 1 the model decides alone.
        var text = new System.Text.StringBuilder();
        text.Append("def alpha(order):\n    shipping = order.weight * 2\n    weight = shipping + len(order.lines)\n    return weight\n\n\n");
        text.Append("def bravo(order):\n    volume = crate_volume(order)\n    result = volume * 3 + len(order.lines)\n    return result\n\n\n");
        foreach (string name in (string[])["charlie", "delta", "echo"])
        {
            text.Append($"def {name}(rows):\n    total = 0\n    for row in rows:\n        total += len(row) * 3\n    return total\n\n\n");
        }

        string source = text.ToString();
        const string query = "Computes the shipping weight of the order.";
        const string alpha = "shipping = order.weight * 2";
        const string bravo = "volume = crate_volume(order)";
        int budget = TestSupport.Counter.CountTokens(source) / 3;
        var options = new CodeCompressionOptions { ProximityBoost = 0, FanInBoost = 0, CallGraphBoost = 0 };
        Assert.Equal(0.15, options.ModelRelevanceWeight);
        CompressedText blended = await new CodeCompressor(new FakeTokenScorer("crate_volume"), options)
            .CompressAsync(new SegmentCompressionRequest(source, budget, TestSupport.Counter) { Query = query, Language = "py", Kind = SegmentKind.Code });
        options.ModelRelevanceWeight = 1;
        CompressedText modelOnly = await new CodeCompressor(new FakeTokenScorer("crate_volume"), options)
            .CompressAsync(new SegmentCompressionRequest(source, budget, TestSupport.Counter) { Query = query, Language = "py", Kind = SegmentKind.Code });

        Assert.Contains(alpha, blended.Text, StringComparison.Ordinal);
        Assert.Contains(bravo, modelOnly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(alpha, modelOnly.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(blended.Text) <= budget);
        Assert.True(TestSupport.Counter.CountTokens(modelOnly.Text) <= budget);
    }

    [Fact]
    public async Task Compress_TinyUnitsDoNotCrowdOutAMidSizedRelevantFunction()
    {
        // Forty one-line constants, each weakly related to the query by one word, against one twelve-line function the query
        // is about: per token the constants look denser, but a unit is not worth more for being shorter than a few lines.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            text.Append($"RETRY_LIMIT_{i} = {i}\n");
        }

        text.Append("\n\ndef backoff_delay(attempt, base, cap):\n    \"\"\"Delay before the next retry.\"\"\"\n");
        for (int i = 0; i < 10; i++)
        {
            text.Append($"    delay{i} = min(cap, base * (2 ** attempt) + {i})\n");
        }

        text.Append("    return delay0\n\n\ndef schedule_retry(task):\n    ...\n");
        string source = text.ToString();
        int budget = TestSupport.Counter.CountTokens(source) / 2;
        CompressedText result = await CompressAsync(source, "Schedules a retry with an exponential backoff delay.\ndef schedule_retry(task):", budget, new CodeCompressionOptions());

        Assert.Contains("    delay9 = min(cap, base * (2 ** attempt) + 9)\n    return delay0", result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
    }

    /// <summary>Four small C# methods (Count, Reserve, Release, Restock); each returns <c>total + </c> its name's length.</summary>
    [Fact]
    public async Task Compress_DocCommentsGiveWayToCode_TheNamedUnitKeepsItsOwn_AndTheyComeBackWithRoom()
    {
        // Room for Total with its doc comment and the code of its three helpers, not for the helpers' doc comments too. Those are
        // cheaper than Total's: without its exception the named unit's comment would be the one left out, the others refilled.
        const string helperDoc = "    /// <summary>Computes one part of the total: the base price.</summary>\n";
        string Source(string doc)
        {
            var text = new System.Text.StringBuilder("namespace Shop;\n\npublic static class Calc\n{\n    /// <summary>\n    /// Totals one item: its price, its tax and its fee, each computed by the helper of that name from the item code.\n    /// </summary>\n");
            text.Append("    public static int Total(int item)\n    {\n        return Price(item) + Tax(item) + Fee(item);\n    }\n\n");
            foreach ((string name, int factor) in ((string, int)[])[("Price", 3), ("Tax", 5), ("Fee", 7)])
            {
                text.Append(doc).Append($"    private static int {name}(int item)\n    {{\n        int value = item * {factor};\n        return value + {factor + 1};\n    }}\n\n");
            }

            return text.Append("}\n").ToString();
        }

        string source = Source(helperDoc);
        int budget = TestSupport.Counter.CountTokens(Source(string.Empty)) + 20;
        const string query = "How does Total(int item) add up?";
        string[] bodies = ["return value + 4;", "return value + 6;", "return value + 8;"];
        CompressedText tight = await TestSupport.CompressAsync(source, "cs", query, budget);
        CompressedText keepingDocs = await new CodeCompressor(null, new CodeCompressionOptions { KeepDocComments = true })
            .CompressAsync(new SegmentCompressionRequest(source, budget, TestSupport.Counter) { Query = query, Language = "cs", Kind = SegmentKind.Code });
        CompressedText roomy = await TestSupport.CompressAsync(source, "cs", query, TestSupport.Counter.CountTokens(source) - 30);

        Assert.All(bodies, body => Assert.Contains(body, tight.Text, StringComparison.Ordinal));
        Assert.Contains("/// Totals one item: its price", tight.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("the base price", tight.Text, StringComparison.Ordinal);
        Assert.Contains(bodies, body => !keepingDocs.Text.Contains(body, StringComparison.Ordinal));
        Assert.Contains("the base price", roomy.Text, StringComparison.Ordinal);
        Assert.All(bodies, body => Assert.Contains(body, roomy.Text, StringComparison.Ordinal));
        foreach (CompressedText result in (CompressedText[])[tight, keepingDocs])
        {
            Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
            TestSupport.AssertSpansAndMarkers(source, result, ElisionMarkers.For(CodeLanguage.CSharp));
        }
    }

    [Fact]
    public async Task Planner_ScoreIsTheLogisticModelOfTheSignalsItReports()
    {
        // _lonely is a private helper nothing calls, _shared one that report calls; render is the function the query names.
        string source = "def _lonely(rows):\n    return sorted(rows, key=len)[:3]\n\n\n"
            + "def _shared(rows):\n    return [len(row) for row in rows if row]\n\n\n"
            + "def report(rows):\n    return sum(_shared(rows)) + len(rows) * 2\n\n\n"
            + "def render(request):\n    ...\n";
        var options = new CodeCompressionOptions();
        IReadOnlyList<UnitPlan> ranked = [];
        var request = new SegmentCompressionRequest(source, TestSupport.Counter.CountTokens(source) / 2, TestSupport.Counter) { Query = "Renders the rows.\ndef render(request):", Language = "py" };
        await new CodeCompressor(null, options).CompressAsync(request, r => ranked = r, CancellationToken.None);

        UnitPlan Unit(string name) => ranked.Single(p => p.Unit.Name == name);
        Assert.True(Unit("_lonely").Signals is { IsPrivate: true, IsUncalledPrivate: true, FanIn: 0 });
        Assert.True(Unit("_shared").Signals is { IsPrivate: true, IsUncalledPrivate: false, FanIn: > 0 });
        Assert.True(Unit("report").Signals is { IsPrivate: false, IsUncalledPrivate: false });
        Assert.True(Unit("render").IsNamed);
        foreach (UnitPlan plan in ranked)
        {
            double expected = (1 / (1 + Math.Exp(-plan.Signals.Logit(options)))) + (plan.IsNamed ? options.NamedUnitBoost : 0);
            Assert.Equal(expected, plan.Score, 1e-5);
        }
    }

    private static string StockMethods(string modifiers)
    {
        var text = new System.Text.StringBuilder();
        foreach (string name in (string[])["Count", "Reserve", "Release", "Restock"])
        {
            text.Append($"    {modifiers} int {name}(int item)\n    {{\n        int total = item * 3;\n        total += item % 7;\n        return total + {name.Length};\n    }}\n\n");
        }

        return text.ToString();
    }

    private static Task<CompressedText> CompressAsync(string text, string query, int budget, CodeCompressionOptions options) =>
        new CodeCompressor(null, options).CompressAsync(new SegmentCompressionRequest(text, budget, TestSupport.Counter) { Query = query, Language = "py", Kind = SegmentKind.Code });

    [Fact]
    public void Knapsack_LargeProblem_StaysWithinItsTableBoundAndCapacity()
    {
        // Unscaled, 2,000 items x 100,001 capacities would be a 200 MB table; the solver must round costs up instead.
        const int n = 2_000, capacity = 100_000;
        var costs = new int[n];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            costs[i] = 40 + (i * 37 % 160);
            values[i] = 1 + (i * 53 % 97);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool[] chosen = Knapsack.Solve(costs, values, capacity);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, Knapsack.MaxCells + (1 << 20));
        long cost = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (chosen[i])
            {
                cost += costs[i];
                count++;
            }
        }

        // Costs are rounded up to multiples of the scale (51 here), so part of the capacity goes unused; never more than it.
        Assert.InRange(cost, capacity * 3L / 4, capacity);
        Assert.InRange(count, 1, n - 1);
    }

    [Fact]
    public void Knapsack_SmallCase_MatchesBruteForce()
    {
        int[] costs = [5, 4, 6, 3, 7, 2, 9];
        double[] values = [10, 40, 30, 50, 35, 5, 60];
        foreach (int capacity in (int[])[0, 5, 10, 14, 20, 36])
        {
            bool[] chosen = Knapsack.Solve(costs, values, capacity);
            double best = 0;
            for (int mask = 0; mask < 1 << costs.Length; mask++)
            {
                int cost = 0;
                double value = 0;
                for (int i = 0; i < costs.Length; i++)
                {
                    if ((mask & (1 << i)) != 0)
                    {
                        cost += costs[i];
                        value += values[i];
                    }
                }

                if (cost <= capacity)
                {
                    best = Math.Max(best, value);
                }
            }

            Assert.True(costs.Where((_, i) => chosen[i]).Sum() <= capacity);
            Assert.Equal(best, values.Where((_, i) => chosen[i]).Sum());
        }
    }

    [Fact]
    public void MalformedCode_NeverThrows_AndFitsTheBudget()
    {
        string[] pieces =
        [
            "{", "}", "(", ")", "[", "]", "\"", "'", "`", "${", "/*", "*/", "//", "#", "\n", "\r\n", "    ", "\t", "def f():", "class C", "fn x()",
            "function g() ", "=> ", ";", ":", "@\"", "$\"", "\"\"\"", "r#\"", "R\"(", "#if X", "#endif", "\\", "a", "return 1", "😀", "\uD83D", "e\u0301",
            "\u200B", "\u202E", "import x", "using Y;", "else", "@dec",
        ];
        Gen<string> soup = Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]).Array[0, 80].Select(string.Concat);
        CodeLanguage[] languages = Enum.GetValues<CodeLanguage>();
        soup.Sample(
            text =>
            {
                foreach (CodeLanguage language in languages)
                {
                    _ = CodeParser.Parse(text, language);
                }

                int budget = TestSupport.Counter.CountTokens(text) / 3;
                foreach (string hint in (string[])["cs", "py", "js", "go", "rs", "cpp", "txt"])
                {
                    CompressedText result = TestSupport.CompressAsync(text, hint, "f g x", budget).GetAwaiter().GetResult();
                    Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
                }
            },
            seed: "0N0XIzNsQ0O2",
            iter: 150,
            threads: 1);
    }

    [Theory]
    [InlineData("parser.py")]
    [InlineData("Ledger.java")]
    [InlineData("Inventory.cs")]
    [InlineData("cache.go")]
    public async Task Compress_SpendsMostOfTheBudget_AtEveryRatio(string file)
    {
        // The fit may cut more than needed (a container's docstring, a whole body); the refill gives back what still fits. At small
        // budgets (these samples have 600-1,500 tokens) one unit is a large share of the budget, so the bar is lower there.
        string text = TestSupport.Sample(file);
        int total = TestSupport.Counter.CountTokens(text);
        foreach (int ratio in new[] { 2, 3, 4, 6, 8 })
        {
            int budget = total / ratio;
            CompressedText result = await TestSupport.CompressAsync(text, file, "How does it work?", budget);
            int used = TestSupport.Counter.CountTokens(result.Text);
            Assert.InRange(used, (int)(budget * (ratio <= 4 ? 0.9 : 0.75)), budget);
        }
    }

    [Fact]
    public async Task Compress_EmptyAndTinyBudgets_AreHandled()
    {
        Assert.Equal(string.Empty, (await TestSupport.CompressAsync(string.Empty, "cs", null, 0)).Text);
        string text = TestSupport.Sample("cache.go");
        foreach (int budget in (int[])[0, 1, 3, 10])
        {
            CompressedText result = await TestSupport.CompressAsync(text, "go", null, budget);
            Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
            TestSupport.AssertSpansAndMarkers(text, result, ElisionMarkers.BlockComment);
        }
    }

    [Fact]
    public async Task Compress_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        string text = TestSupport.Sample("Ledger.java");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CodeCompressor().CompressAsync(new SegmentCompressionRequest(text, 10, TestSupport.Counter), cts.Token));
    }

    [Fact]
    public void Options_RejectInvalidValues()
    {
        var options = new CodeCompressionOptions();
        Assert.Equal(0.05, options.SignatureBudgetShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.SignatureBudgetShare = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBlockLines = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ScoringBatchSize = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.NamedUnitBoost = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxScoredCharacters = 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.FanInBoost = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.CallerRelevanceBoost = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ProximityBoost = double.PositiveInfinity);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.UncalledHelperBoost = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PrivateFunctionBoost = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.TopUnitsFirst = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ModelRelevanceWeight = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ModelRelevanceWeight = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.CodeUseWeight = -0.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.CodeUseWeight = double.NaN);
    }
}
