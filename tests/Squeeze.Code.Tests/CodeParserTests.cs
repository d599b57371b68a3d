namespace Squeeze.Code;

public sealed class CodeParserTests
{
    public static TheoryData<string, string[]> Expected => new()
    {
        {
            "Inventory.cs",
            [
                "Import using System 1-1", "Type Inventory 8-79", "Member _stock 10-10", "Member Count 13-13", "Function Add 15-16",
                "Function AddStock 18-27", "Function RemoveStock 29-45", "Function LowStock 57-66", "Function Valuation 68-78",
                "Type StockLevel 81-86", "Type InventoryReports 88-109", "Function Summarize 90-101", "Function Classify 103-108",
            ]
        },
        {
            "parser.py",
            [
                "Import import re 2-2", "Statement HEADER_RE 6-6", "Statement TEMPLATE 7-10", "Type Section 13-25", "Function get 20-21",
                "Function is_empty 23-25", "Function parse_header 28-36", "Function parse_pair 39-44", "Function parse_config 47-66",
                "Type Config 69-76", "Function __init__ 70-71", "Function lookup 73-76",
            ]
        },
        {
            "router.js",
            [
                "Import import path from 'node:path'; 3-3", "Statement ROUTE_PARAM 5-5", "Statement banner 6-8", "Function compile 10-17",
                "Type Router 19-41", "Function constructor 20-22", "Function add 24-28", "Function match 30-40", "Function serveStatic 43-47",
                "Function logRequest 49-52", "Statement router 54-56",
            ]
        },
        {
            "store.ts",
            [
                "Type Item 4-8", "Member id 5-5", "Member tags 7-7", "Statement Listener 10-10", "Type Mode 12-15", "Type Store 17-43",
                "Member items 19-19", "Function constructor 21-23", "Function put 25-28", "Function findByTag 34-42", "Function sealed 45-48",
                "Function loadItems 50-56", "Statement countTags 58-59",
            ]
        },
        {
            "Ledger.java",
            [
                "Import package samples.ledger; 1-1", "Type Ledger 10-67", "Member entries 11-11", "Type Entry 14-20", "Function toString 22-25",
                "Function post 27-29", "Function filter 31-39", "Function largest 41-53", "Function auditor 55-62", "Function countAccounts 64-66",
            ]
        },
        {
            "cache.go",
            [
                "Import package cache 1-1", "Import import ( 3-7", "Type Entry 10-13", "Type Cache 15-18", "Statement rawHelp 20-21",
                "Function New 23-25", "Function Get 27-35", "Function Set 37-41", "Function Sweep 43-54", "Function Describe 56-59",
            ]
        },
        {
            "tokens.rs",
            [
                "Import use std::fmt; 2-2", "Type Token 5-10", "Type Lexer 12-15", "Type Lexer 17-33", "Function new 18-20", "Function next_token 22-32",
                "Type Token 35-43", "Function fmt 36-42", "Statement RAW 45-45", "Function count_idents 48-57", "Namespace tests 59-69",
                "Function counts_words 63-68",
            ]
        },
        {
            "matrix.c",
            [
                "Import #include <stdio.h> 1-1", "Type matrix 9-13", "Member rows 10-10", "Statement FORMAT 15-15", "Function matrix_new 17-27",
                "Function matrix_free 29-35", "Function matrix_trace 37-48", "Function matrix_print 50-58", "Function main 60-68",
            ]
        },
        {
            "shapes.cpp",
            [
                "Import #include <vector> 3-3", "Namespace shapes 5-47", "Function clamp 7-10", "Type Shape 12-17", "Member area 15-15",
                "Function name 16-16", "Type Circle 19-34", "Function Circle 21-21", "Function area 23-25", "Function name 27-30",
                "Member radius_ 33-33", "Function total_area 36-45", "Function main 49-54",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Parse_Samples_FindsUnitBoundaries(string file, string[] expected)
    {
        string text = TestSupport.Sample(file);
        IReadOnlyList<CodeUnit> units = CodeParser.Parse(text, LanguageDetector.FromName(file));
        var actual = units.Select(u => $"{u.Kind} {u.Name} {u.StartLine}-{u.EndLine}").ToHashSet();
        Assert.All(expected, e => Assert.Contains(e, actual));
    }

    [Fact]
    public void Parse_Members_PointToTheirContainer()
    {
        IReadOnlyList<CodeUnit> units = CodeParser.Parse(TestSupport.Sample("Inventory.cs"), CodeLanguage.CSharp);
        CodeUnit addStock = units.Single(u => u.Name == "AddStock");
        Assert.Equal("Inventory", units[addStock.Parent].Name);
        Assert.True(addStock.HasBody);
        Assert.False(units.Single(u => u.Name == "Add").HasBody);
    }

    [Theory]
    [InlineData("#if NET8_0_OR_GREATER && !NETSTANDARD2_0", "Type Issue Function Read")]
    [InlineData("#if DEBUG", "Type Issue Function Read")]
    [InlineData("#if !NET8_0_OR_GREATER", "Type Issue Function Read")]
    [InlineData("#if SOME_UNKNOWN_SYMBOL", "")]
    public void Parse_CSharpUnderConditionalCompilation_ReadsTheCodeForTheSymbolsThatEnableIt(string condition, string expected)
    {
        // A test file for the newest framework sits wholly under #if NET8_0_OR_GREATER: with DEBUG alone it was all disabled text.
        string source = condition + "\nnamespace N\n{\n    public class Issue\n    {\n        public int Read(int x)\n        {\n            return x + 1;\n        }\n    }\n}\n#endif\n";
        IReadOnlyList<CodeUnit> units = CodeParser.Parse(source, CodeLanguage.CSharp);
        Assert.Equal(expected, string.Join(' ', units.Where(u => u.Kind != CodeUnitKind.Namespace).Select(u => $"{u.Kind} {u.Name}")));
    }

    [Fact]
    public void Parse_PythonCompoundStatementDefiningFunctions_IsSplitIntoClauseBlocks()
    {
        const string python = "import os\n\nif os.name == \"nt\":\n    def find(name):\n        return name + \".dll\"\n"
            + "elif os.name == \"posix\":\n    # the usual case\n    def find(name):\n        return \"lib\" + name + \".so\"\n"
            + "else:\n    LIMIT = 3\n\n    class Finder:\n        def find(self, name):\n            return None\n\n"
            + "try:\n    import fast\nexcept ImportError:\n    fast = None\n\nif __debug__:\n    print(\"debug\")\n";
        IReadOnlyList<CodeUnit> units = CodeParser.Parse(python, CodeLanguage.Python);

        Assert.Equal(
            [
                "Import import os 1-1 -", "Block if os.name == \"nt\": 3-5 -", "Function find 4-5 if os.name == \"nt\":",
                "Block elif os.name == \"posix\": 6-9 -", "Function find 8-9 elif os.name == \"posix\":", "Block else: 10-15 -",
                "Statement LIMIT 11-11 else:", "Type Finder 13-15 else:", "Function find 14-15 Finder",
                "Statement try 17-20 -", "Statement if __debug__: 22-23 -",
            ],
            Describe(units));
        Assert.True(units[1].HasBody);

        // A decorated definition counts as one.
        const string decorated = "try:\n    @functools.cache\n    def probe():\n        return 1\nexcept ImportError:\n    probe = None\n";
        Assert.Equal(
            ["Block try: 1-4 -", "Function probe 2-4 try:", "Block except ImportError: 5-6 -", "Statement probe 6-6 except ImportError:"],
            Describe(CodeParser.Parse(decorated, CodeLanguage.Python)));

        static IEnumerable<string> Describe(IReadOnlyList<CodeUnit> units) =>
            units.Select(u => $"{u.Kind} {u.Name} {u.StartLine}-{u.EndLine} {(u.Parent < 0 ? "-" : units[u.Parent].Name)}");
    }

    [Fact]
    public void Parse_BracesInsideStringsAndComments_DoNotEndUnits()
    {
        const string js = "function a() {\n  const s = `x ${ {b: '}'}.b } }`;\n  const r = /[}]/g; // }\n  return '}';\n}\n\nfunction b() {\n  return 1;\n}\n";
        IReadOnlyList<CodeUnit> units = CodeParser.Parse(js, CodeLanguage.JavaScript);
        Assert.Equal(["Function a 1-5", "Function b 7-9"], units.Select(u => $"{u.Kind} {u.Name} {u.StartLine}-{u.EndLine}"));
    }

    [Fact]
    public void Parse_RawStrings_AreSkipped()
    {
        const string rust = "fn a() -> &'static str {\n    r##\"}\"#}\"##\n}\n\nfn b() {}\n";
        Assert.Equal(["a 1-3", "b 5-5"], CodeParser.Parse(rust, CodeLanguage.Rust).Select(u => $"{u.Name} {u.StartLine}-{u.EndLine}"));
        const string cpp = "const char* a() {\n    return R\"x(})x\";\n}\nint b() { return 0; }\n";
        Assert.Equal(["a 1-3", "b 4-4"], CodeParser.Parse(cpp, CodeLanguage.Cpp).Select(u => $"{u.Name} {u.StartLine}-{u.EndLine}"));
    }

    [Fact]
    public void Parse_UnknownLanguage_SplitsAtBlankLines()
    {
        IReadOnlyList<CodeUnit> units = CodeParser.Parse("alpha\nbeta\n\n\ngamma\n", CodeLanguage.Unknown);
        Assert.Equal(["Block 1-2", "Block 5-5"], units.Select(u => $"{u.Kind} {u.StartLine}-{u.EndLine}"));
    }

    [Theory]
    [InlineData("src/App.cs", CodeLanguage.CSharp)]
    [InlineData("x.PY", CodeLanguage.Python)]
    [InlineData("tsx", CodeLanguage.TypeScript)]
    [InlineData("lib.rs", CodeLanguage.Rust)]
    [InlineData("a.hpp", CodeLanguage.Cpp)]
    [InlineData("notes.txt", CodeLanguage.Unknown)]
    public void FromName_MapsExtensions(string name, CodeLanguage expected) => Assert.Equal(expected, LanguageDetector.FromName(name));

    [Theory]
    [InlineData("python title=app.py", CodeLanguage.Python)]
    [InlineData("{.rust}", CodeLanguage.Rust)]
    [InlineData("c++", CodeLanguage.Cpp)]
    [InlineData("", CodeLanguage.Unknown)]
    public void FromFenceInfo_ReadsTheTag(string info, CodeLanguage expected) => Assert.Equal(expected, LanguageDetector.FromFenceInfo(info));

    [Theory]
    [InlineData("Inventory.cs")]
    [InlineData("parser.py")]
    [InlineData("store.ts")]
    [InlineData("Ledger.java")]
    [InlineData("cache.go")]
    [InlineData("tokens.rs")]
    [InlineData("shapes.cpp")]
    public void Detect_RecognisesSamples(string file) =>
        Assert.Equal(LanguageDetector.FromName(file), LanguageDetector.Detect(TestSupport.Sample(file)));
}
