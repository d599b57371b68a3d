namespace Squeeze.Code;

/// <summary>What a <see cref="CodeUnit"/> is.</summary>
public enum CodeUnitKind
{
    /// <summary>An import, using, include, use or package declaration.</summary>
    Import,

    /// <summary>A namespace, module or extern block: a container whose header is always kept while any member is.</summary>
    Namespace,

    /// <summary>A type declaration: class, struct, interface, enum, record, trait, impl.</summary>
    Type,

    /// <summary>A function, method, constructor, operator or function-valued declaration.</summary>
    Function,

    /// <summary>A member that is not a function: a field, property, event or constant.</summary>
    Member,

    /// <summary>A top-level statement or declaration that is neither a function nor a type.</summary>
    Statement,

    /// <summary>A blank-line separated block of text in a language the compressor cannot parse.</summary>
    Block,
}
