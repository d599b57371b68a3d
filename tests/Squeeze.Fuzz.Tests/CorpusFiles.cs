namespace Squeeze.Fuzz;

/// <summary>The committed corpus (fuzz/corpus, copied next to the test assembly) as theory data.</summary>
internal static class CorpusFiles
{
    public static string Folder(string target) => Path.Combine(AppContext.BaseDirectory, "corpus", target);

    public static TheoryData<string> For(string target)
    {
        var data = new TheoryData<string>();
        string[] files = Directory.GetFiles(Folder(target));
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
