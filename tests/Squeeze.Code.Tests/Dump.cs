namespace Squeeze.Code;

public sealed class Dump
{
    private static readonly System.Text.StringBuilder Out = new();

    [Fact]
    public void DumpAll()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples")).Order())
        {
            string text = File.ReadAllText(file);
            var lang = LanguageDetector.FromName(file);
            Out.AppendLine($"== {Path.GetFileName(file)} {lang} detect={LanguageDetector.Detect(text)}");
            foreach (var u in CodeParser.Parse(text, lang))
            {
                Out.AppendLine($"  {u.Kind} '{u.Name}' {u.StartLine}-{u.EndLine} parent={u.Parent} body={u.HasBody}");
            }
        }

        File.WriteAllText("/tmp/squeeze_code_dump.txt", Out.ToString());
    }
}
