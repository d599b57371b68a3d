namespace Squeeze.Code;

/// <summary>
/// Splits the body of a unit into blocks of whole statements: at blank lines, when a block reaches the size limit, and
/// (with per-line surprisal from a model) where the line-level mean surprisal shifts sharply.
/// Only statement boundaries at the body's own nesting level are used, so dropping a block leaves balanced code.
/// </summary>
internal static class BlockSplitter
{
    /// <summary>Gets the lines of a unit's body when it can be split (it starts and ends on lines of its own), or (-1, -1).</summary>
    public static (int First, int Last) BodyLines(ParsedCode code, CodeUnit unit)
    {
        if (!unit.HasBody)
        {
            return (-1, -1);
        }

        int first = code.LineOf(unit.Body.Start);
        int last = code.LineOf(unit.Body.End - 1);
        if (code.Lines[first].ContentStart != unit.Body.Start || code.Lines[last].ContentEnd != unit.Body.End || first == code.LineOf(unit.Span.Start))
        {
            return (-1, -1);
        }

        return (first, last);
    }

    public static List<CodeBlock> Split(ParsedCode code, CodeUnit unit, int maxBlockLines, ReadOnlySpan<double> lineSurprisal, double shiftThreshold)
    {
        var blocks = new List<CodeBlock>();
        (int first, int last) = BodyLines(code, unit);
        if (first < 0)
        {
            return blocks;
        }

        SourceLine[] lines = code.Lines;
        bool python = code.Language == CodeLanguage.Python;
        int bodyIndent = PythonUnitParser.Indent(lines[first]);
        int depth = lines[first].Depth;
        int paren = lines[first].Paren;
        int blockStart = first;
        int previousCode = -1;
        for (int k = first; k <= last; k++)
        {
            SourceLine line = lines[k];
            if (line.IsBlank)
            {
                continue;
            }

            bool isStart = k > first && (python ? IsPythonStart(code, k, bodyIndent) : IsBraceStart(code, k, depth, paren, previousCode));
            if (isStart)
            {
                bool split = lines[k - 1].IsBlank
                    || k - blockStart >= maxBlockLines
                    || (lineSurprisal.Length > k - first && k - first > 0 && Math.Abs(lineSurprisal[k - first] - lineSurprisal[k - first - 1]) > shiftThreshold);
                if (split)
                {
                    AddBlock(code, blocks, blockStart, k - 1);
                    blockStart = k;
                }
            }

            if (line.HasCode)
            {
                previousCode = k;
            }
        }

        AddBlock(code, blocks, blockStart, last);
        return blocks;
    }

    private static void AddBlock(ParsedCode code, List<CodeBlock> blocks, int first, int last)
    {
        while (last > first && code.Lines[last].IsBlank)
        {
            last--;
        }

        TextSpan span = code.Trim(code.Lines[first].Start, code.Lines[last].End);
        if (span.Length > 0)
        {
            blocks.Add(new CodeBlock(span, first, last));
        }
    }

    private static bool IsPythonStart(ParsedCode code, int k, int indent)
    {
        SourceLine line = code.Lines[k];
        if (PythonUnitParser.Indent(line) != indent)
        {
            return false;
        }

        if (!line.HasCode)
        {
            return line.StartsInCode;
        }

        return PythonUnitParser.IsLogicalStart(code, k) && !PythonUnitParser.IsClauseContinuation(code, line);
    }

    private static bool IsBraceStart(ParsedCode code, int k, int depth, int paren, int previousCode)
    {
        SourceLine line = code.Lines[k];
        if (!line.StartsInCode || line.Depth != depth || line.Paren != paren || line.IsPreprocessor)
        {
            return false;
        }

        if (previousCode >= 0)
        {
            SourceLine previous = code.Lines[previousCode];
            char last = code.Text[previous.LastCode];
            bool newlineEnds = code.Language is CodeLanguage.JavaScript or CodeLanguage.TypeScript or CodeLanguage.Go;
            bool terminated = last is ';' or '}' or '{'
                || (newlineEnds && last is not (',' or '(' or '[' or '=' or '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '!' or '~' or '?' or ':' or '.' or '\\' or '>'));
            if (!terminated)
            {
                return false;
            }
        }

        return !line.HasCode || !BraceUnitParser.StartsWithContinuation(code.Text, line);
    }
}
