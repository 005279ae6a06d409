using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mesh.Spec;

/// <summary>A parsed YAML node with the 1-based line and column where it starts.</summary>
internal abstract class YNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public abstract string Kind { get; }
}

internal sealed class YScalar(string value, bool plain, int line, int column) : YNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>True for a plain (unquoted) scalar; only plain scalars can be null, numbers or booleans.</summary>
    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : "a scalar";
}

internal sealed class YMapping(int line, int column) : YNode(line, column)
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];

    public override string Kind => "a mapping";
}

internal sealed class YSequence(int line, int column) : YNode(line, column)
{
    public List<YNode> Items { get; } = [];

    public override string Kind => "a list";
}

/// <summary>Builds a <see cref="YNode"/> tree from YamlDotNet parser events, keeping every position.</summary>
internal static class YamlTree
{
    /// <summary>Parses one YAML document. Throws <see cref="YamlException"/> (with its position) on syntax errors.</summary>
    public static YNode? Parse(string text, Action<YNode, string> problem)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            return ParseDocument(parser, problem);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed input; report where parsing stopped
            var mark = parser.Current?.Start ?? Mark.Empty;
            throw new YamlException(mark, mark, $"malformed YAML near here ({e.Message})", e);
        }
    }

    private static YNode? ParseDocument(Parser parser, Action<YNode, string> problem)
    {
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, anchors, problem, depth: 0);
        parser.Consume<DocumentEnd>();
        if (parser.TryConsume<DocumentStart>(out var second))
        {
            problem(new YScalar("", true, (int)second.Start.Line, (int)second.Start.Column), "a second YAML document is not allowed; keep the whole mesh in one document");
        }

        return root;
    }

    private static YNode ReadNode(IParser parser, Dictionary<string, YNode> anchors, Action<YNode, string> problem, int depth)
    {
        if (depth > 64)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, "the document is nested more than 64 levels deep");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} refers to no anchor defined before it");
        }

        YNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new YScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, (int)scalar.Start.Line, (int)scalar.Start.Column);
        }
        else if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            anchor = seqStart.Anchor.IsEmpty ? null : seqStart.Anchor.Value;
            var seq = new YSequence((int)seqStart.Start.Line, (int)seqStart.Start.Column);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                seq.Items.Add(ReadNode(parser, anchors, problem, depth + 1));
            }

            node = seq;
        }
        else
        {
            var mapStart = parser.Consume<MappingStart>();
            anchor = mapStart.Anchor.IsEmpty ? null : mapStart.Anchor.Value;
            var map = new YMapping((int)mapStart.Start.Line, (int)mapStart.Start.Column);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, anchors, problem, depth + 1);
                var value = ReadNode(parser, anchors, problem, depth + 1);
                if (keyNode is not YScalar key)
                {
                    problem(keyNode, "mapping keys must be plain text");
                    continue;
                }

                if (!seen.Add(key.Value))
                {
                    problem(key, $"key '{key.Value}' appears twice in the same mapping; keep one");
                    continue;
                }

                map.Entries.Add(new(key, value));
            }

            node = map;
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }
}
