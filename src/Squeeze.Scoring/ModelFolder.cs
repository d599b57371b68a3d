using System.Globalization;

namespace Squeeze.Scoring;

/// <summary>The checks and names every scorer and classifier applies to the model folder it loads.</summary>
internal static class ModelFolder
{
    /// <summary>The folder's full path.</summary>
    /// <exception cref="ArgumentException">The path is null, empty or white space.</exception>
    /// <exception cref="ScorerException">The folder does not exist.</exception>
    public static string Resolve(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        string directory = Path.GetFullPath(modelDirectory);
        return Directory.Exists(directory) ? directory : throw new ScorerException(directory, "is not a folder: the model folder does not exist.");
    }

    /// <summary>A name for reports: the kind, a colon and the folder's own name, as in "onnx:squeeze-mini".</summary>
    public static string DisplayName(string kind, string directory) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))}");
}
