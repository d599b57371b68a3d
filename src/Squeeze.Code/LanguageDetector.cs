namespace Squeeze.Code;

/// <summary>
/// Finds the <see cref="CodeLanguage"/> of a text from a file name or extension, from a Markdown fence's info string,
/// or, failing those, from its content.
/// </summary>
public static class LanguageDetector
{
    /// <summary>Maps a file path, file name, extension (with or without the dot) or fence tag to a language.</summary>
    /// <param name="pathOrTag">For example "src/Program.cs", ".py", "ts" or "python".</param>
    /// <returns>The language, or <see cref="CodeLanguage.Unknown"/> when the name is not recognised.</returns>
    public static CodeLanguage FromName(string? pathOrTag)
    {
        if (string.IsNullOrWhiteSpace(pathOrTag))
        {
            return CodeLanguage.Unknown;
        }

        string name = pathOrTag.Trim();
        int slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        int dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name[(dot + 1)..];
        }

        return name.ToUpperInvariant() switch
        {
            "CS" or "CSX" or "CSHARP" or "C#" => CodeLanguage.CSharp,
            "PY" or "PYI" or "PYW" or "PYTHON" or "PYTHON3" or "PY3" => CodeLanguage.Python,
            "JS" or "MJS" or "CJS" or "JSX" or "JAVASCRIPT" or "NODE" => CodeLanguage.JavaScript,
            "TS" or "MTS" or "CTS" or "TSX" or "TYPESCRIPT" => CodeLanguage.TypeScript,
            "JAVA" => CodeLanguage.Java,
            "GO" or "GOLANG" => CodeLanguage.Go,
            "RS" or "RUST" => CodeLanguage.Rust,
            "C" or "H" => CodeLanguage.C,
            "CPP" or "CC" or "CXX" or "HPP" or "HH" or "HXX" or "C++" or "IPP" or "INL" or "CU" => CodeLanguage.Cpp,
            _ => CodeLanguage.Unknown,
        };
    }

    /// <summary>Maps a Markdown fence's info string (the text after the opening backticks) to a language.</summary>
    /// <param name="infoString">For example "python", "ts title=app.ts" or "{.rust}".</param>
    /// <returns>The language, or <see cref="CodeLanguage.Unknown"/>.</returns>
    public static CodeLanguage FromFenceInfo(string? infoString)
    {
        if (string.IsNullOrWhiteSpace(infoString))
        {
            return CodeLanguage.Unknown;
        }

        ReadOnlySpan<char> info = infoString.AsSpan().Trim().TrimStart("{.");
        int end = 0;
        while (end < info.Length && !char.IsWhiteSpace(info[end]) && info[end] is not ('{' or '}' or ',' or ':'))
        {
            end++;
        }

        return FromName(info[..end].ToString());
    }

    /// <summary>Guesses the language of <paramref name="text"/> from characteristic keywords and punctuation.</summary>
    /// <param name="text">The code.</param>
    /// <returns>The most likely language, or <see cref="CodeLanguage.Unknown"/> when nothing looks like code.</returns>
    /// <remarks>Only the first 64 KiB are examined; the scan is linear.</remarks>
    public static CodeLanguage Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> sample = text.AsSpan(0, Math.Min(text.Length, 65536));
        Span<int> score = stackalloc int[10];
        foreach (Range range in sample.Split('\n'))
        {
            ReadOnlySpan<char> line = sample[range].Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            Vote(line, score);
        }

        int best = 0;
        for (int i = 1; i < score.Length; i++)
        {
            if (score[i] > score[best])
            {
                best = i;
            }
        }

        return score[best] >= 2 ? (CodeLanguage)best : CodeLanguage.Unknown;
    }

    /// <summary>Resolves a language from an optional hint (a name, extension or fence tag), falling back to <see cref="Detect"/>.</summary>
    /// <param name="hint">A file name, extension or fence tag; <see langword="null"/> for none.</param>
    /// <param name="text">The code, examined when the hint is missing or unknown.</param>
    /// <returns>The language.</returns>
    public static CodeLanguage Resolve(string? hint, string text)
    {
        CodeLanguage fromHint = FromFenceInfo(hint);
        return fromHint != CodeLanguage.Unknown ? fromHint : Detect(text);
    }

    private static void Vote(ReadOnlySpan<char> line, Span<int> score)
    {
        static bool Starts(ReadOnlySpan<char> l, string p) => l.StartsWith(p, StringComparison.Ordinal);
        static bool Has(ReadOnlySpan<char> l, string p) => l.Contains(p, StringComparison.Ordinal);

        if (Starts(line, "using ") && line.EndsWith(';'))
        {
            score[(int)CodeLanguage.CSharp] += 3;
        }

        if (Starts(line, "namespace ") || Has(line, " { get;") || Has(line, "public async Task") || Has(line, "=> $\"") || Starts(line, "[Fact]"))
        {
            score[(int)CodeLanguage.CSharp] += 3;
            score[(int)CodeLanguage.Cpp] += Starts(line, "namespace ") ? 1 : 0;
        }

        if (Starts(line, "def ") || Starts(line, "async def ") || (Starts(line, "from ") && Has(line, " import ")) || Starts(line, "elif ") || Has(line, "self.") || Starts(line, "if __name__"))
        {
            score[(int)CodeLanguage.Python] += 3;
        }

        if (Starts(line, "import ") && !line.EndsWith(';') && !Has(line, " from ") && !Has(line, "\""))
        {
            score[(int)CodeLanguage.Python] += 2;
        }

        if (Has(line, "function ") || Has(line, "=> {") || Starts(line, "const ") || Starts(line, "let ") || Has(line, "console.") || Has(line, "require("))
        {
            score[(int)CodeLanguage.JavaScript] += 2;
            score[(int)CodeLanguage.TypeScript] += 1;
        }

        if (Starts(line, "import ") && Has(line, " from '") || Has(line, " from \""))
        {
            score[(int)CodeLanguage.JavaScript] += 2;
            score[(int)CodeLanguage.TypeScript] += 2;
        }

        if (Starts(line, "interface ") || Starts(line, "export interface ") || Starts(line, "type ") && Has(line, " = ") || Has(line, ": string") || Has(line, ": number") || Has(line, "readonly "))
        {
            score[(int)CodeLanguage.TypeScript] += 3;
        }

        if (Starts(line, "package ") && line.EndsWith(';') || Has(line, "public static void main") || Has(line, "System.out.") || Starts(line, "@Override"))
        {
            score[(int)CodeLanguage.Java] += 3;
        }

        if (Starts(line, "func ") || Starts(line, "package ") && !line.EndsWith(';') || Has(line, ":= ") || Has(line, "fmt."))
        {
            score[(int)CodeLanguage.Go] += 3;
        }

        if (Starts(line, "fn ") || Starts(line, "pub fn ") || Starts(line, "use ") && Has(line, "::") || Starts(line, "impl") || Has(line, "let mut ") || Starts(line, "#[") || Has(line, "-> Result<"))
        {
            score[(int)CodeLanguage.Rust] += 3;
        }

        if (Starts(line, "#include"))
        {
            score[(int)CodeLanguage.C] += 2;
            score[(int)CodeLanguage.Cpp] += line.EndsWith('>') && !line.EndsWith(".h>") ? 3 : 1;
        }

        if (Has(line, "std::") || Starts(line, "template") || Has(line, "::~") || Starts(line, "class ") && line.EndsWith('{') && !Has(line, ":"))
        {
            score[(int)CodeLanguage.Cpp] += 3;
        }

        if (Has(line, "printf(") || Has(line, "malloc(") || Starts(line, "typedef struct"))
        {
            score[(int)CodeLanguage.C] += 2;
        }
    }
}
