namespace Squeeze.Code;

public sealed class DebugOut
{
    [Fact]
    public async Task Write()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (file, q) in new[] { ("matrix.c", "What does matrix_trace sum?"), ("Inventory.cs", "How does RemoveStock handle a missing item?") })
        {
            string text = TestSupport.Sample(file);
            int budget = TestSupport.Counter.CountTokens(text) / 4;
            var r = await TestSupport.CompressAsync(text, file, q, budget);
            sb.AppendLine($"==== {file} budget={budget} got={TestSupport.Counter.CountTokens(r.Text)}");
            sb.AppendLine(r.Text);
        }

        File.WriteAllText("/tmp/squeeze_code_out.txt", sb.ToString());
    }
}
