using System.Text.RegularExpressions;

namespace Squeeze.Quality;

/// <summary>Splits a task context into its documents on the "Document [n]" header lines (text before the first header is its own piece).</summary>
internal static partial class DocumentSplitter
{
    public static List<string> Split(string context)
    {
        var documents = new List<string>();
        int start = 0;
        foreach (Match m in Header().Matches(context))
        {
            if (m.Index > start)
            {
                documents.Add(context[start..m.Index]);
            }

            start = m.Index;
        }

        documents.Add(context[start..]);
        documents.RemoveAll(string.IsNullOrWhiteSpace);
        return documents;
    }

    [GeneratedRegex(@"^Document \[\d+\]", RegexOptions.Multiline | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Header();
}
