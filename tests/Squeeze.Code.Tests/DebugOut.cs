namespace Squeeze.Code;

public sealed class DebugOut
{
    [Fact]
    public async Task Write()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (file, q) in new[] { ("Ledger.java", "How does filter select entries?"), ("Inventory.cs", "How is the inventory valued?") })
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
