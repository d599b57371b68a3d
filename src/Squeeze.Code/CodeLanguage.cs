namespace Squeeze.Code;

/// <summary>A programming language the code compressor can parse into units.</summary>
public enum CodeLanguage
{
    /// <summary>Unknown text: parsed into blank-line separated blocks.</summary>
    Unknown,

    /// <summary>C#, parsed with Roslyn.</summary>
    CSharp,

    /// <summary>Python, parsed by indentation.</summary>
    Python,

    /// <summary>JavaScript (also JSX).</summary>
    JavaScript,

    /// <summary>TypeScript (also TSX).</summary>
    TypeScript,

    /// <summary>Java.</summary>
    Java,

    /// <summary>Go.</summary>
    Go,

    /// <summary>Rust.</summary>
    Rust,

    /// <summary>C.</summary>
    C,

    /// <summary>C++.</summary>
    Cpp,
}
