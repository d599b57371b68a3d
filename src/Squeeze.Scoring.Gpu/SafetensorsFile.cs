using System.Buffers.Binary;
using System.Text.Json;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// Reads tensors from a .safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
/// byte range, then the data. Every size and offset is checked against the file before anything is allocated; nothing in the file is executed.
/// </summary>
internal sealed class SafetensorsFile
{
    /// <summary>Headers larger than this are refused (real ones are a few hundred kilobytes).</summary>
    private const long MaxHeaderBytes = 100L << 20;

    private readonly Dictionary<string, (string DType, long[] Shape, long Start, long End)> _tensors = new(StringComparer.Ordinal);
    private readonly long _dataStart;

    private SafetensorsFile(string path, long dataStart)
    {
        FilePath = path;
        _dataStart = dataStart;
    }

    public string FilePath { get; }

    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScorerException(path, "is missing: the GPU scorer reads the weights from model.safetensors.");
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            long length = stream.Length;
            Span<byte> prefix = stackalloc byte[8];
            if (length < 8 || stream.Read(prefix) != 8)
            {
                throw new ScorerException(path, "is too short to be a safetensors file.");
            }

            long headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
            if (headerLength <= 1 || headerLength > MaxHeaderBytes || headerLength > length - 8)
            {
                throw new ScorerException(path, $"declares a header of {headerLength} bytes in a file of {length}: not a safetensors file, or truncated.");
            }

            byte[] header = new byte[headerLength];
            stream.ReadExactly(header);
            var file = new SafetensorsFile(path, 8 + headerLength);
            file.ParseHeader(header, length - 8 - headerLength);
            return file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScorerException(path, $"cannot be read ({ex.Message}).", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ScorerException(path, $"has a header with text that is not valid UTF-8 ({ex.Message}).", ex);
        }
    }

    /// <summary>Reads a tensor as float32, converting from F16, BF16 or F32.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="shape">The shape the caller expects.</param>
    public float[] ReadFloats(string name, params long[] shape)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw new ScorerException(FilePath, $"has no tensor \"{name}\".");
        }

        if (!tensor.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new ScorerException(FilePath, $"has tensor \"{name}\" of shape [{string.Join(", ", tensor.Shape)}]; config.json implies [{string.Join(", ", shape)}].");
        }

        long count = tensor.End - tensor.Start;
        int width = tensor.DType == "F32" ? 4 : 2;
        var result = new float[count / width];
        byte[] bytes = new byte[count];
        using (FileStream stream = File.OpenRead(FilePath))
        {
            stream.Position = _dataStart + tensor.Start;
            stream.ReadExactly(bytes);
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] = tensor.DType switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2)),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)) << 16),
            };
        }

        return result;
    }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    private void ParseHeader(byte[] header, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw new ScorerException(FilePath, $"has a header that is not valid JSON ({ex.Message}).", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ScorerException(FilePath, "has a header that is not a JSON object.");
            }

            foreach (JsonProperty entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                _tensors[entry.Name] = ParseTensor(entry, dataLength);
            }
        }
    }

    private (string, long[], long, long) ParseTensor(JsonProperty entry, long dataLength)
    {
        JsonElement value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out JsonElement shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new ScorerException(FilePath, $"describes tensor \"{entry.Name}\" without dtype, shape and data_offsets.");
        }

        string type = dtype.GetString() ?? string.Empty;
        int width = type switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => throw new ScorerException(FilePath, $"stores tensor \"{entry.Name}\" as {type}; the GPU scorer reads F32, F16 and BF16."),
        };

        var dims = new long[shape.GetArrayLength()];
        long elements = 1;
        int d = 0;
        foreach (JsonElement dim in shape.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long n) || n < 0 || n > int.MaxValue)
            {
                throw new ScorerException(FilePath, $"gives tensor \"{entry.Name}\" a bad dimension ({dim.GetRawText()}).");
            }

            dims[d++] = n;
            elements = elements * n;
            if (elements > int.MaxValue)
            {
                throw new ScorerException(FilePath, $"gives tensor \"{entry.Name}\" more than {int.MaxValue} elements.");
            }
        }

        if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long start) || !offsets[1].TryGetInt64(out long end) || start < 0 || end < start || end > dataLength)
        {
            throw new ScorerException(FilePath, $"gives tensor \"{entry.Name}\" a byte range outside the file's {dataLength} data bytes (truncated or corrupt).");
        }

        if (end - start != elements * width)
        {
            throw new ScorerException(FilePath, $"gives tensor \"{entry.Name}\" {end - start} bytes; its shape and dtype need {elements * width}.");
        }

        return (type, dims, start, end);
    }
}
