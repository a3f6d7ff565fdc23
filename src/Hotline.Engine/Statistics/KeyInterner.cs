namespace Hotline.Engine.Statistics;

/// <summary>
/// Dense integer ids for strings (unit ids, categories, regions), so counters are keyed by numbers:
/// a string is hashed once, when a ticket first names it. Owned by the partition's single writer.
/// </summary>
internal sealed class KeyInterner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    public int Intern(string key)
    {
        if (!_ids.TryGetValue(key, out int id))
        {
            _ids[key] = id = _names.Count;
            _names.Add(key);
        }

        return id;
    }

    public bool TryGet(string key, out int id) => _ids.TryGetValue(key, out id);

    public string Name(int id) => _names[id];
}
