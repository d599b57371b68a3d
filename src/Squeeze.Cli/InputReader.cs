using System.Text;

namespace Squeeze.Cli;

/// <summary>Reads the inputs of <c>squeeze compress</c> that are read whole: one file, or every text file under a folder.</summary>
internal static class InputReader
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] _skippedFolders = ["bin", "obj", "node_modules", ".git", ".vs", ".idea", "artifacts", "TestResults"];

    public static async Task<InputFile> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException(Directory.Exists(path) ? $"'{path}' is a folder." : $"File not found: '{path}'.");
        }

        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string? text = Decode(bytes);
        return text is null
            ? throw new CliInputException($"'{path}' looks like a binary file (NUL bytes or invalid UTF-8); squeeze compresses text only.")
            : new InputFile(path, text);
    }

    /// <summary>Lists the files under <paramref name="folder"/> in ordinal path order, skipping build output and VCS folders.</summary>
    public static List<string> ListFolder(string folder)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            foreach (string directory in Directory.EnumerateDirectories(current))
            {
                string name = Path.GetFileName(directory);
                if (Array.IndexOf(_skippedFolders, name) < 0)
                {
                    pending.Push(directory);
                }
            }

            files.AddRange(Directory.EnumerateFiles(current));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Reads a file found in a folder; binary files are skipped (returns <see langword="null"/>).</summary>
    public static async Task<InputFile?> TryReadFolderFileAsync(string folder, string path, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string? text = Decode(bytes);
        return text is null ? null : new InputFile(Path.GetRelativePath(folder, path), text);
    }

    private static string? Decode(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        try
        {
            ReadOnlySpan<byte> span = bytes;
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }

            return _strictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
