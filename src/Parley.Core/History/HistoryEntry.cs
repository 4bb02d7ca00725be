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

    /// <summary>The account the sender was logged in to when it sent a direct message; null for a guest (and for
    /// every row stored before schema migration 3 / PostgreSQL 5). Direct messages are read by identity through it
    /// (<see cref="DirectParty"/>).</summary>
    public string? SenderAccount { get; init; }

    /// <summary>The account the recipient of a direct message was logged in to when it was sent; null for a guest.</summary>
    public string? RecipientAccount { get; init; }

    /// <summary>IRCv3 client-only tags the sender attached (<c>+draft/reply=...</c>, still escaped); null for none.
    /// Never stored: only a cluster's notification of the message carries them to the nodes that deliver it.</summary>
    public string? ClientTags { get; init; }
}
