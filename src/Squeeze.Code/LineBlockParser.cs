namespace Squeeze.Code;

/// <summary>The fallback parser: every maximal run of non-blank lines is one <see cref="CodeUnitKind.Block"/> unit.</summary>
internal static class LineBlockParser
{
    public static void Parse(ParsedCode code, CancellationToken cancellationToken)
    {
        SourceLine[] lines = code.Lines;
        int i = 0;
        while (i < lines.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (lines[i].IsBlank)
            {
                i++;
                continue;
            }

            int j = i;
            while (j + 1 < lines.Length && !lines[j + 1].IsBlank)
            {
                j++;
            }

            code.AddUnit(CodeUnitKind.Block, code.Excerpt(lines[i].ContentStart, lines[i].ContentEnd), lines[i].ContentStart, lines[j].ContentEnd, default, -1);
            i = j + 1;
        }
    }
}
