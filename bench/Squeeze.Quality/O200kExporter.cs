using System.IO.Compression;
using System.Reflection;

namespace Squeeze.Quality;

/// <summary>
/// Writes the o200k_base ranks file (tiktoken format) from the Microsoft.ML.Tokenizers.Data.O200kBase package, so that
/// bench/python/compare.py counts tokens exactly as this harness does on a machine with no network.
/// </summary>
internal static class O200kExporter
{
    public static void Export(string path)
    {
        Assembly data = Assembly.Load("Microsoft.ML.Tokenizers.Data.O200kBase");
        string name = data.GetManifestResourceNames().Single(n => n.Contains("o200k_base.tiktoken", StringComparison.Ordinal));
        using Stream resource = data.GetManifestResourceStream(name)!;
        using Stream source = name.EndsWith(".deflate", StringComparison.Ordinal) ? new DeflateStream(resource, CompressionMode.Decompress) : resource;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using FileStream output = File.Create(path);
        source.CopyTo(output);
    }
}
