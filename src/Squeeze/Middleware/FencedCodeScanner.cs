namespace Squeeze.Middleware;

/// <summary>Finds Markdown fenced code blocks (``` or ~~~, up to three spaces of indent) in one linear pass.</summary>
internal static class FencedCodeScanner
{
    public static List<FencedBlock> Find(string text)
    {
        var blocks = new List<FencedBlock>();
        int lineStart = 0;
        int openStart = -1, openEnd = 0, fenceLength = 0;
        char fenceChar = '\0';
        string? language = null;
        while (lineStart < text.Length)
        {
            int newline = text.IndexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.Length : newline + 1;
            ReadOnlySpan<char> line = text.AsSpan(lineStart, lineEnd - lineStart);
            int indent = 0;
            while (indent < line.Length && indent < 4 && line[indent] == ' ')
            {
                indent++;
            }

            if (indent < 4 && indent < line.Length && line[indent] is '`' or '~')
            {
                char c = line[indent];
                int run = indent;
                while (run < line.Length && line[run] == c)
                {
                    run++;
                }

                int length = run - indent;
                if (length >= 3)
                {
                    if (openStart < 0)
                    {
                        ReadOnlySpan<char> info = line[run..].Trim();
                        if (c != '`' || !info.Contains('`'))
                        {
                            openStart = lineStart;
                            openEnd = lineEnd;
                            fenceChar = c;
                            fenceLength = length;
                            int space = info.IndexOfAny(' ', '\t');
                            language = info.IsEmpty ? null : (space < 0 ? info : info[..space]).ToString();
                        }
                    }
                    else if (c == fenceChar && length >= fenceLength && line[run..].IsWhiteSpace())
                    {
                        blocks.Add(new FencedBlock(TextSpan.FromBounds(openStart, openEnd), TextSpan.FromBounds(openEnd, lineStart), TextSpan.FromBounds(lineStart, lineEnd), language));
                        openStart = -1;
                    }
                }
            }

            lineStart = lineEnd;
        }

        if (openStart >= 0)
        {
            blocks.Add(new FencedBlock(TextSpan.FromBounds(openStart, openEnd), TextSpan.FromBounds(openEnd, text.Length), new TextSpan(text.Length, 0), language));
        }

        return blocks;
    }
}
