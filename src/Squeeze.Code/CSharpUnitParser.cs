using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Squeeze.Code;

/// <summary>Splits C# into units with Roslyn's syntax tree (which recovers from any malformed input).</summary>
internal static class CSharpUnitParser
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, preprocessorSymbols: ["DEBUG"]);

    /// <summary>
    /// The symbols a Debug build for the newest target framework defines (net10.0: NET, NETCOREAPP, NET5_0_OR_GREATER to
    /// NET10_0_OR_GREATER, ...), for files whose code sits under <c>#if NET8_0_OR_GREATER</c>: without them Roslyn reads it all as
    /// disabled text, and the file has no units.
    /// </summary>
    private static readonly CSharpParseOptions ModernOptions = new(LanguageVersion.Preview, preprocessorSymbols: ModernSymbols());

    public static void Parse(ParsedCode code, CancellationToken cancellationToken)
    {
        // Of the two symbol sets, the one that leaves less of the file disabled (most code is written for one of them).
        // Only conditional directives disable text, so a file without a '#' skips the walk over its trivia.
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code.Text, Options, cancellationToken: cancellationToken);
        int disabled = code.Text.Contains('#') ? DisabledLength(tree, cancellationToken) : 0;
        if (disabled > 0)
        {
            SyntaxTree modern = CSharpSyntaxTree.ParseText(code.Text, ModernOptions, cancellationToken: cancellationToken);
            if (DisabledLength(modern, cancellationToken) < disabled)
            {
                tree = modern;
            }
        }

        CompilationUnitSyntax root = tree.GetCompilationUnitRoot(cancellationToken);
        foreach (ExternAliasDirectiveSyntax alias in root.Externs)
        {
            Add(code, CodeUnitKind.Import, alias.ToString().TrimEnd(';'), alias, null, null, -1);
        }

        foreach (UsingDirectiveSyntax directive in root.Usings)
        {
            Add(code, CodeUnitKind.Import, directive.ToString().TrimEnd(';'), directive, null, null, -1);
        }

        foreach (MemberDeclarationSyntax member in root.Members)
        {
            Visit(code, member, -1, cancellationToken);
        }
    }

    private static string[] ModernSymbols()
    {
        var symbols = new List<string> { "DEBUG", "TRACE", "NET", "NET10_0", "NETCOREAPP" };
        for (int version = 5; version <= 10; version++)
        {
            symbols.Add($"NET{version}_0_OR_GREATER");
        }

        foreach (string version in (string[])["1_0", "1_1", "2_0", "2_1", "2_2", "3_0", "3_1"])
        {
            symbols.Add($"NETCOREAPP{version}_OR_GREATER");
        }

        return [.. symbols];
    }

    private static int DisabledLength(SyntaxTree tree, CancellationToken cancellationToken)
    {
        int length = 0;
        foreach (SyntaxTrivia trivia in tree.GetRoot(cancellationToken).DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                length += trivia.Span.Length;
            }
        }

        return length;
    }

    private static void Visit(ParsedCode code, MemberDeclarationSyntax member, int parent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (member)
        {
            case FileScopedNamespaceDeclarationSyntax fileScoped:
                VisitNamespaceMembers(code, fileScoped, parent, cancellationToken);
                break;
            case NamespaceDeclarationSyntax ns:
                int nsIndex = Add(code, CodeUnitKind.Namespace, ns.Name.ToString(), ns, ns.OpenBraceToken, ns.CloseBraceToken, parent);
                VisitNamespaceMembers(code, ns, nsIndex, cancellationToken);
                break;
            case TypeDeclarationSyntax type:
                int typeIndex = Add(code, CodeUnitKind.Type, type.Identifier.ValueText, type, type.OpenBraceToken, type.CloseBraceToken, parent);
                foreach (MemberDeclarationSyntax inner in type.Members)
                {
                    Visit(code, inner, typeIndex, cancellationToken);
                }

                break;
            case EnumDeclarationSyntax enumeration:
                Add(code, CodeUnitKind.Type, enumeration.Identifier.ValueText, enumeration, enumeration.OpenBraceToken, enumeration.CloseBraceToken, parent);
                break;
            case DelegateDeclarationSyntax del:
                Add(code, CodeUnitKind.Member, del.Identifier.ValueText, del, null, null, parent);
                break;
            case BaseMethodDeclarationSyntax method:
                Add(code, CodeUnitKind.Function, MethodName(method), method, method.Body?.OpenBraceToken, method.Body?.CloseBraceToken, parent);
                break;
            case PropertyDeclarationSyntax property:
                Add(code, CodeUnitKind.Member, property.Identifier.ValueText, property, null, null, parent);
                break;
            case EventDeclarationSyntax ev:
                Add(code, CodeUnitKind.Member, ev.Identifier.ValueText, ev, null, null, parent);
                break;
            case IndexerDeclarationSyntax indexer:
                Add(code, CodeUnitKind.Member, "this[]", indexer, null, null, parent);
                break;
            case BaseFieldDeclarationSyntax field:
                string fieldName = field.Declaration.Variables.Count > 0 ? field.Declaration.Variables[0].Identifier.ValueText : string.Empty;
                Add(code, CodeUnitKind.Member, fieldName, field, null, null, parent);
                break;
            case GlobalStatementSyntax global when global.Statement is LocalFunctionStatementSyntax local:
                Add(code, CodeUnitKind.Function, local.Identifier.ValueText, global, local.Body?.OpenBraceToken, local.Body?.CloseBraceToken, parent);
                break;
            default:
                Add(code, parent >= 0 && code.Units[parent].Kind == CodeUnitKind.Type ? CodeUnitKind.Member : CodeUnitKind.Statement, string.Empty, member, null, null, parent);
                break;
        }
    }

    private static void VisitNamespaceMembers(ParsedCode code, BaseNamespaceDeclarationSyntax ns, int parent, CancellationToken cancellationToken)
    {
        foreach (ExternAliasDirectiveSyntax alias in ns.Externs)
        {
            Add(code, CodeUnitKind.Import, alias.ToString().TrimEnd(';'), alias, null, null, parent);
        }

        foreach (UsingDirectiveSyntax directive in ns.Usings)
        {
            Add(code, CodeUnitKind.Import, directive.ToString().TrimEnd(';'), directive, null, null, parent);
        }

        foreach (MemberDeclarationSyntax inner in ns.Members)
        {
            Visit(code, inner, parent, cancellationToken);
        }
    }

    private static string MethodName(BaseMethodDeclarationSyntax method) => method switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        ConstructorDeclarationSyntax c => c.Identifier.ValueText,
        DestructorDeclarationSyntax d => "~" + d.Identifier.ValueText,
        OperatorDeclarationSyntax o => "operator" + o.OperatorToken.ValueText,
        ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
        _ => string.Empty,
    };

    private static int Add(ParsedCode code, CodeUnitKind kind, string name, SyntaxNode node, SyntaxToken? open, SyntaxToken? close, int parent)
    {
        int start = node.SpanStart;
        int end = node.Span.End;
        if (end > start)
        {
            SourceLine last = code.Lines[code.LineOf(end - 1)];
            if (last.LastCode < end)
            {
                end = Math.Max(end, last.ContentEnd);
            }
        }

        TextSpan body = default;
        if (open is { IsMissing: false } o && close is { IsMissing: false } c && c.SpanStart >= o.Span.End)
        {
            body = code.Trim(o.Span.End, c.SpanStart);
        }

        if (name.Length == 0)
        {
            name = code.Excerpt(start, end);
        }

        return code.AddUnit(kind, name, start, end, body, parent);
    }
}
