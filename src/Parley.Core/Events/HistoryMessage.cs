using Parley.Core.History;

namespace Parley.Core.Events;

/// <summary>A stored message replayed to one member on joining (not live): protocols mark it as history and keep its
/// original id and time; formats whose readers cannot tell history from live chat leave it out.</summary>
public sealed class HistoryMessage(HistoryEntry entry) : ChatEvent(entry.Time)
{
    public HistoryEntry Entry { get; } = entry;
}
