using Parley.Core.History;

namespace Parley.Core.Events;

/// <summary>
/// The answer to a history or search request: <see cref="Entries"/> (history pages oldest first, search results
/// newest first) and whether more lie beyond them. Exactly one of <see cref="Room"/>, <see cref="With"/> (a direct
/// conversation) and <see cref="Query"/> (a search) is set.
/// </summary>
public sealed class HistoryPage(
    string? room, string? with, string? query, IReadOnlyList<HistoryEntry> entries, bool more, DateTimeOffset time)
    : ChatEvent(time)
{
    public string? Room { get; } = room;

    public string? With { get; } = with;

    public string? Query { get; } = query;

    public IReadOnlyList<HistoryEntry> Entries { get; } = entries;

    public bool More { get; } = more;

    public bool IsSearch => Query is not null;
}
