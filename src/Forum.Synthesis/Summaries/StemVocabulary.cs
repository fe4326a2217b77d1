namespace Forum.Synthesis.Summaries;

/// <summary>
/// Stems to dense int ids, in order of first appearance, so that everything downstream works on
/// int arrays and no result depends on a dictionary's enumeration order.
/// </summary>
internal sealed class StemVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _stems = [];

    public StemVocabulary()
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _stems.Count;

    public string this[int id] => _stems[id];

    public int GetOrAdd(ReadOnlySpan<char> stem)
    {
        if (_lookup.TryGetValue(stem, out var id))
        {
            return id;
        }

        return Add(stem.ToString());
    }

    public int GetOrAdd(string stem) => _ids.TryGetValue(stem, out var id) ? id : Add(stem);

    private int Add(string stem)
    {
        var id = _stems.Count;
        _ids.Add(stem, id);
        _stems.Add(stem);
        return id;
    }
}
