namespace Squeeze.Fuzz;

/// <summary>A small AFL-like byte mutator for the fallback loop: bit flips, interesting bytes, deletions, duplications, splices.</summary>
internal static class Mutator
{
    private static readonly byte[][] _tokens =
    [
        "<squeeze keep>"u8.ToArray(), "</squeeze>"u8.ToArray(), "<squeeze rate=\"0.3\">"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(),
        "\"\"\""u8.ToArray(), "/*"u8.ToArray(), "*/"u8.ToArray(), "\r\n"u8.ToArray(), "```"u8.ToArray(), "\u200D"u8.ToArray(),
        "\U0001F600"u8.ToArray(), "\u0301"u8.ToArray(), "Dr. "u8.ToArray(), "\n\n"u8.ToArray(), "[1] "u8.ToArray(), ":\n    "u8.ToArray(),
    ];

    public static byte[] Mutate(Random random, byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        int steps = 1 + random.Next(8);
        for (int s = 0; s < steps; s++)
        {
            int position = data.Count == 0 ? 0 : random.Next(data.Count + 1);
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    int i = Math.Min(position, data.Count - 1);
                    data[i] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[Math.Min(position, data.Count - 1)] = (byte)random.Next(256);
                    break;
                case 2 when data.Count > 0:
                    int start = Math.Min(position, data.Count - 1);
                    data.RemoveRange(start, Math.Min(data.Count - start, 1 + random.Next(16)));
                    break;
                case 3:
                    data.InsertRange(position, _tokens[random.Next(_tokens.Length)]);
                    break;
                case 4 when data.Count > 0:
                    int from = random.Next(data.Count);
                    int length = Math.Min(data.Count - from, 1 + random.Next(64));
                    data.InsertRange(position, data.GetRange(from, length));
                    break;
                case 5 when other.Length > 0:
                    int splice = random.Next(other.Length);
                    data.InsertRange(position, other.AsSpan(splice, Math.Min(other.Length - splice, 1 + random.Next(128))).ToArray());
                    break;
                default:
                    data.Insert(position, (byte)random.Next(256));
                    break;
            }
        }

        return data.Count > 100_000 ? data.GetRange(0, 100_000).ToArray() : [.. data];
    }
}
