using System.Text;

namespace Squeeze.Fuzz;

/// <summary>Turns fuzzer bytes into text.</summary>
public static class FuzzInput
{
    /// <summary>
    /// Decodes bytes to a string. A leading 0xFF byte means "the rest is raw UTF-16LE", which lets the fuzzer produce lone
    /// surrogates and other strings no valid UTF-8 can encode; otherwise the bytes are UTF-8 with U+FFFD for invalid sequences.
    /// </summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0 && data[0] == 0xFF)
        {
            ReadOnlySpan<byte> rest = data[1..];
            var chars = new char[rest.Length / 2];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(rest[2 * i] | (rest[(2 * i) + 1] << 8));
            }

            return new string(chars);
        }

        return Encoding.UTF8.GetString(data);
    }

    /// <summary>A small token budget derived from the input (0 to 63), so that budgets vary with the input.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The budget.</returns>
    public static int SmallBudget(ReadOnlySpan<byte> data)
    {
        int sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }

        return data.Length == 0 ? 10 : sum % 64;
    }
}
