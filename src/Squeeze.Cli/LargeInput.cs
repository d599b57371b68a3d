using System.Text;

namespace Squeeze.Cli;

/// <summary>
/// An input too large to read whole (longer than the chunk size): a reader over it, the text already read from it, and
/// its size in bytes when known. Standard input that must be sized first (a token budget is shared by bytes) is copied to
/// a temporary file, deleted on dispose.
/// </summary>
internal sealed class LargeInput : IDisposable
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly bool _ownsReader;
    private readonly string? _temporaryFile;

    private LargeInput(string path, TextReader reader, string head, long totalBytes, bool ownsReader, string? temporaryFile)
    {
        Path = path;
        Reader = reader;
        Head = head;
        TotalBytes = totalBytes;
        _ownsReader = ownsReader;
        _temporaryFile = temporaryFile;
    }

    /// <summary>Gets the display path ("-" for standard input).</summary>
    public string Path { get; }

    /// <summary>Gets the reader positioned after <see cref="Head"/>.</summary>
    public TextReader Reader { get; }

    /// <summary>Gets the text read already.</summary>
    public string Head { get; }

    /// <summary>Gets the input's size in UTF-8 bytes, or -1 when unknown.</summary>
    public long TotalBytes { get; }

    /// <summary>Opens <paramref name="path"/> as a large input if it has more than <paramref name="chunkCharacters"/> bytes.</summary>
    public static LargeInput? TryOpenFile(string path, int chunkCharacters)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length <= chunkCharacters)
        {
            return null;
        }

        var reader = new StreamReader(path, _strictUtf8, detectEncodingFromByteOrderMarks: false, new FileStreamOptions { Options = FileOptions.SequentialScan });
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        return new LargeInput(path, reader, string.Empty, info.Length, ownsReader: true, temporaryFile: null);
    }

    /// <summary>
    /// Standard input that turned out longer than the chunk size after <paramref name="head"/> was read. When
    /// <paramref name="needsSize"/>, the rest is copied to a temporary file first, so that its size is known.
    /// </summary>
    public static async Task<LargeInput> FromStandardInputAsync(TextReader stdin, string head, bool needsSize, CancellationToken cancellationToken)
    {
        if (!needsSize)
        {
            return new LargeInput("-", stdin, head, -1, ownsReader: false, temporaryFile: null);
        }

        string file = System.IO.Path.GetTempFileName();
        try
        {
            var writer = new StreamWriter(file, append: false, _strictUtf8);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(head.AsMemory(), cancellationToken).ConfigureAwait(false);
                var block = new char[64 * 1024];
                int read;
                while ((read = await stdin.ReadAsync(block, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await writer.WriteAsync(block.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            var reader = new StreamReader(file, _strictUtf8, detectEncodingFromByteOrderMarks: false);
            return new LargeInput("-", reader, string.Empty, new FileInfo(file).Length, ownsReader: true, temporaryFile: file);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="count"/> characters (fewer only at the end of the input).</summary>
    public static async Task<string> ReadHeadAsync(TextReader reader, int count, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var block = new char[Math.Min(count, 16 * 1024)];
        int read;
        while (head.Length < count && (read = await reader.ReadAsync(block.AsMemory(0, Math.Min(block.Length, count - head.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            head.Append(block, 0, read);
        }

        return head.ToString();
    }

    public void Dispose()
    {
        if (_ownsReader)
        {
            Reader.Dispose();
        }

        if (_temporaryFile is not null)
        {
            File.Delete(_temporaryFile);
        }
    }
}
