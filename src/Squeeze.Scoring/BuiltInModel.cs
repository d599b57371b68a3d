namespace Squeeze.Scoring;

/// <summary>The built-in squeeze-mini model, shipped next to the assemblies in models/squeeze-mini.</summary>
public static class BuiltInModel
{
    /// <summary>The built-in model's name.</summary>
    public const string Name = "squeeze-mini";

    /// <summary>Gets the folder where the built-in model is expected: models/squeeze-mini under <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "models", Name);

    /// <summary>Gets a value indicating whether the built-in model is deployed: its folder holds a squeeze.json.</summary>
    public static bool IsAvailable => File.Exists(Path.Combine(Directory, "squeeze.json"));
}
