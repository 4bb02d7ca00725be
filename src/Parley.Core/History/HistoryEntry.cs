namespace Parley.Core.History;

/// <summary>
/// One stored message: a room message (<see cref="Room"/> set) or a direct message (<see cref="Recipient"/> set).
/// <see cref="Id"/> is the hub's message id, unique and increasing over the server's life (and across restarts,
/// since the hub continues from the store's last id).
/// </summary>
public sealed record HistoryEntry(
    long Id, string? Room, string Sender, string? Recipient, string Text, long Seq, DateTimeOffset Time)
{
    public bool IsDirect => Room is null;
}
