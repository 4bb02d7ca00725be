namespace Parley.Core.Hub;

/// <summary>
/// A room's own room-state changes published to the cluster and not yet heard back, counted per thing they set
/// ("m", "k", "o:BOB", "topic"). When one comes back, only the last pending change to a thing is applied again: an
/// earlier one would flip the room back for a moment. Owned by the hub's lock. A change that is never heard back
/// (the database was away) leaves a count behind, so that thing is not re-applied from this node's echoes until the
/// rosters are exchanged again (<see cref="Clear"/>).
/// </summary>
internal sealed class PendingChanges
{
    private Dictionary<string, int>? _counts;

    public void Add(string key)
    {
        _counts ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>One change to <paramref name="key"/> came back; true when it was the last one pending (apply it).</summary>
    public bool Settle(string key)
    {
        if (_counts is null || !_counts.TryGetValue(key, out var count))
        {
            return true;
        }

        if (count > 1)
        {
            _counts[key] = count - 1;
            return false;
        }

        _counts.Remove(key);
        return true;
    }

    public void Clear() => _counts = null;
}
