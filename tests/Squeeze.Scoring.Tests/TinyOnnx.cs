using System.Text;

namespace Squeeze.Scoring;

/// <summary>Hand-encodes a one-node ONNX graph (Identity, int64 tensors of symbolic shape) for error-path tests.</summary>
internal static class TinyOnnx
{
    public static byte[] Identity(string inputName, string outputName)
    {
        byte[] valueInfo(string name) => Message(
            String(1, name),
            Bytes(2, Message( // TypeProto
                Bytes(1, Message( // tensor_type
                    Varint(1, 7), // int64
                    Bytes(2, Message(Bytes(1, Message(String(2, "n")))))))))); // shape [n]
        byte[] node = Message(String(1, inputName), String(2, outputName), String(4, "Identity"));
        byte[] graph = Message(Bytes(1, node), String(2, "g"), Bytes(11, valueInfo(inputName)), Bytes(12, valueInfo(outputName)));
        return Message(Varint(1, 8), Bytes(8, Message(String(1, string.Empty), Varint(2, 17))), Bytes(7, graph));
    }

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    private static byte[] String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => [.. Tag(field, 2), .. VarintBytes((ulong)value.Length), .. value];

    private static byte[] Varint(int field, long value) => [.. Tag(field, 0), .. VarintBytes((ulong)value)];

    private static byte[] Tag(int field, int wireType) => VarintBytes((ulong)((field << 3) | wireType));

    private static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
