using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Wraps a YAML parser and fails on nesting deeper than a limit, because YamlDotNet's representation model recurses
/// once per level and a few thousand <c>[</c> would otherwise overflow the stack (which no catch can stop).
/// It also counts events, which bounds how far aliases may expand the document, and gives the position of the last
/// good event to the few errors YamlDotNet raises without one.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
{
    private int _depth;
    private Mark _lastGood = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public int EventCount { get; private set; }

    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = inner.MoveNext();
        }
        catch (Exception ex) when (ex is not YamlException)
        {
            throw new YamlException(_lastGood, _lastGood, "cannot parse what follows this point", ex);
        }

        if (!moved)
        {
            return false;
        }

        EventCount++;
        _lastGood = inner.Current!.End;
        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++_depth > maxDepth)
                {
                    var start = inner.Current.Start;
                    throw new YamlException(start, inner.Current.End, $"nesting deeper than {maxDepth} levels");
                }

                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }
}
