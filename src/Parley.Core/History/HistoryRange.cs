namespace Parley.Core.History;

/// <summary>
/// Which page of a conversation to read. With <see cref="After"/> only: the first <see cref="Limit"/> messages
/// after it; otherwise the last <see cref="Limit"/> before <see cref="Before"/> (or the newest), bounded below by
/// <see cref="After"/> when both are set. Pages are always returned oldest first, in id order.
/// </summary>
public sealed record HistoryRange(long? Before, long? After, int Limit)
{
    /// <summary>The most messages one page may hold, whatever the client asks for.</summary>
    public const int MaxLimit = 500;

    public static HistoryRange Latest(int limit) => new(null, null, limit);

    /// <summary>The same range with <see cref="Limit"/> clamped to 1..<see cref="MaxLimit"/>.</summary>
    public HistoryRange Clamped() => this with { Limit = Math.Clamp(Limit, 1, MaxLimit) };
}
