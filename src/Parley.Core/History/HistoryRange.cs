namespace Parley.Core.History;

/// <summary>
/// Which page of a conversation to read. With <see cref="After"/> only (or <see cref="FromOldest"/>): the first
/// <see cref="Limit"/> messages after it; otherwise the last <see cref="Limit"/> before <see cref="Before"/> (or the
/// newest), bounded below by <see cref="After"/> when both are set. <see cref="Since"/> (inclusive) and
/// <see cref="Until"/> (exclusive) bound the messages' times as well, for IRC CHATHISTORY's timestamp references.
/// Pages are always returned oldest first, in id order.
/// </summary>
public sealed record HistoryRange(long? Before, long? After, int Limit)
{
    /// <summary>Only messages at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only messages before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The page is the oldest <see cref="Limit"/> messages of the range, not the newest.</summary>
    public bool FromOldest { get; init; }

    /// <summary>Whether the page is read up from its lower bound (the oldest messages of the range).</summary>
    public bool IsForward => FromOldest || (After is not null && Before is null);

    /// <summary>The most messages one page may hold, whatever the client asks for.</summary>
    public const int MaxLimit = 500;

    public static HistoryRange Latest(int limit) => new(null, null, limit);

    /// <summary>The same range with <see cref="Limit"/> clamped to 1..<see cref="MaxLimit"/>.</summary>
    public HistoryRange Clamped() => this with { Limit = Math.Clamp(Limit, 1, MaxLimit) };
}
