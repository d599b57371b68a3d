namespace Squeeze.Scoring;

public sealed class LogSoftmaxTests
{
    [Fact]
    public void Surprisal_MatchesNaiveLogSoftmax()
    {
        var random = new Random(7);
        float[] logits = new float[1000];
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = (float)((random.NextDouble() * 40) - 20);
        }

        double max = logits.Max();
        double logSum = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
        float[] scratch = new float[logits.Length];
        foreach (int id in new[] { 0, 17, 999 })
        {
            Assert.Equal(logSum - logits[id], LogSoftmax.Surprisal(logits, id, scratch), 4);
        }
    }

    [Fact]
    public void Surprisal_HugeLogits_StaysFinite()
    {
        float[] logits = [1e30f, 0f, -1e30f];
        float[] scratch = new float[3];
        Assert.Equal(0f, LogSoftmax.Surprisal(logits, 0, scratch));
        Assert.True(float.IsFinite(LogSoftmax.Surprisal(logits, 2, scratch)));
    }
}
