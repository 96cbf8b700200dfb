namespace Oso.Dossier.Schema;

/// <summary>
/// A content model compiled to a deterministic automaton (Glushkov construction: one state per element
/// particle, plus the start). XML Schema's Unique Particle Attribution rule makes it deterministic, so
/// validation is one table lookup per child element.
/// </summary>
public sealed class ContentModel
{
    /// <summary>The start state.</summary>
    public const int Start = 0;

    private readonly Transition[][] _transitions;
    private readonly bool[] _accepting;

    private ContentModel(Transition[][] transitions, bool[] accepting)
    {
        _transitions = transitions;
        _accepting = accepting;
    }

    /// <summary>One edge: on an element named <see cref="Name"/>, go to <see cref="Target"/>.</summary>
    /// <param name="Name">The element's local name.</param>
    /// <param name="Element">Its declaration.</param>
    /// <param name="Target">The next state.</param>
    /// <param name="Required">True when the element is required at this point (not skippable): used for messages.</param>
    public readonly record struct Transition(string Name, ElementDeclaration Element, int Target, bool Required);

    /// <summary>The number of states.</summary>
    public int StateCount => _accepting.Length;

    /// <summary>The transition out of a state for an element name, or null.</summary>
    public Transition? Step(int state, string name)
    {
        var row = _transitions[state];
        // the reader atomizes names through the schema's name table, so a reference comparison nearly always decides
        foreach (var t in row)
            if ((object)t.Name == name) return t;
        foreach (var t in row)
            if (t.Name == name) return t;
        return null;
    }

    /// <summary>The transitions out of a state (the elements allowed next).</summary>
    public IReadOnlyList<Transition> Next(int state) => _transitions[state];

    /// <summary>True when the content may end in this state.</summary>
    public bool IsAccepting(int state) => _accepting[state];

    /// <summary>
    /// After an element that is not allowed in <paramref name="state"/>: the nearest state, reachable by
    /// pretending missing elements were there, from which <paramref name="name"/> is allowed — so one missing or
    /// misplaced element gives one message, not one per following sibling. Null when no such state exists.
    /// </summary>
    public int? Recover(int state, string name)
    {
        var seen = new bool[_accepting.Length];
        var queue = new Queue<int>();
        queue.Enqueue(state);
        seen[state] = true;
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var t in _transitions[s])
            {
                if (t.Name == name && s != state) return s;
                if (!seen[t.Target])
                {
                    seen[t.Target] = true;
                    queue.Enqueue(t.Target);
                }
            }
        }
        return null;
    }

    /// <summary>Every element declaration this model mentions, by name (for validating a misplaced element's content).</summary>
    public ElementDeclaration? AnyDeclaration(string name)
    {
        foreach (var row in _transitions)
            foreach (var t in row)
                if (t.Name == name) return t.Element;
        return null;
    }

    /// <summary>Compiles a particle.</summary>
    public static ContentModel Compile(Particle root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var positions = new List<ElementParticle>();
        var follow = new List<HashSet<int>>();
        var info = Analyse(root, positions, follow);

        var stateCount = positions.Count + 1;
        var transitions = new Transition[stateCount][];
        var accepting = new bool[stateCount];
        transitions[Start] = Edges(info.First, positions);
        accepting[Start] = info.Nullable;
        for (var p = 0; p < positions.Count; p++)
        {
            transitions[p + 1] = Edges(follow[p], positions);
            accepting[p + 1] = info.Last.Contains(p);
        }
        // an edge is "required" when the state offers exactly that one way on and cannot end here
        for (var s = 0; s < stateCount; s++)
        {
            var row = transitions[s];
            if (row.Length == 1 && !accepting[s]) row[0] = row[0] with { Required = true };
        }
        return new ContentModel(transitions, accepting);
    }

    private static Transition[] Edges(HashSet<int> targets, List<ElementParticle> positions)
    {
        var edges = new List<Transition>(targets.Count);
        foreach (var p in targets.Order())
        {
            var name = positions[p].Element.Name;
            if (edges.Exists(e => e.Name == name))
                throw new InvalidOperationException($"Content model is not deterministic at '{name}' (Unique Particle Attribution).");
            edges.Add(new Transition(name, positions[p].Element, p + 1, false));
        }
        return edges.ToArray();
    }

    private sealed record Info(bool Nullable, HashSet<int> First, HashSet<int> Last);

    private static Info Analyse(Particle particle, List<ElementParticle> positions, List<HashSet<int>> follow)
    {
        Info inner;
        switch (particle)
        {
            case ElementParticle e:
                var p = positions.Count;
                positions.Add(e);
                follow.Add([]);
                inner = new Info(false, [p], [p]);
                break;
            case SequenceParticle seq:
                var items = seq.Items.Select(i => Analyse(i, positions, follow)).ToList();
                var first = new HashSet<int>();
                foreach (var i in items)
                {
                    first.UnionWith(i.First);
                    if (!i.Nullable) break;
                }
                var last = new HashSet<int>();
                for (var k = items.Count - 1; k >= 0; k--)
                {
                    last.UnionWith(items[k].Last);
                    if (!items[k].Nullable) break;
                }
                for (var k = 0; k < items.Count; k++)
                    for (var j = k + 1; j < items.Count; j++)
                    {
                        foreach (var x in items[k].Last) follow[x].UnionWith(items[j].First);
                        if (!items[j].Nullable) break;
                    }
                inner = new Info(items.TrueForAll(i => i.Nullable), first, last);
                break;
            case ChoiceParticle choice:
                var alternatives = choice.Items.Select(i => Analyse(i, positions, follow)).ToList();
                inner = new Info(alternatives.Exists(a => a.Nullable),
                    alternatives.SelectMany(a => a.First).ToHashSet(),
                    alternatives.SelectMany(a => a.Last).ToHashSet());
                break;
            default:
                throw new NotSupportedException(particle.GetType().Name);
        }
        if (particle.MaxOccurs > 1)
            foreach (var x in inner.Last) follow[x].UnionWith(inner.First);
        return particle.MinOccurs == 0 ? inner with { Nullable = true } : inner;
    }
}
