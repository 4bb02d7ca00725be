namespace Parley.Core.History;

/// <summary>
/// The history port: where room and direct messages are kept. SQLite (Parley.Server/Storage) is the default; a
/// PostgreSQL store implements the same contract (HistoryStoreContract in the server tests runs against each).
/// Contract: <see cref="AppendAsync"/> returns only once the whole batch is durable (one transaction); pages are
/// oldest first in id order; search results newest first; direct messages are found only by their two parties, the
/// reader's side by identity (<see cref="DirectParty"/>), never by nickname alone.
/// Room names and nicknames match case-insensitively (ASCII), as the hub compares them.
/// </summary>
public interface IHistoryStore : IAsyncDisposable
{
    /// <summary>What and where, for the start-up line: "sqlite /home/me/.local/share/parley/parley.db".</summary>
    string Description { get; }

    /// <summary>Opens (creating and migrating) the store; returns the highest message id stored, 0 when empty.
    /// Throws <see cref="HistoryStoreException"/> when the store must not be used.</summary>
    Task<long> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Stores a batch in one transaction; durable when the task completes. After a failure the caller may
    /// call again with the same entries (a retry: the failure may have been a lost acknowledgement of a commit that
    /// succeeded); a store keeps each message once.</summary>
    Task AppendAsync(IReadOnlyList<HistoryEntry> batch, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> ReadRoomAsync(string room, HistoryRange range, CancellationToken cancellationToken);

    /// <summary>Direct messages between <paramref name="reader"/> (matched by identity) and the nickname
    /// <paramref name="other"/>, both directions.</summary>
    Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(DirectParty reader, string other, HistoryRange range, CancellationToken cancellationToken);

    /// <summary>The conversations with activity in a time window (see <see cref="HistoryTargetQuery"/>).</summary>
    Task<IReadOnlyList<HistoryTarget>> ReadTargetsAsync(HistoryTargetQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> SearchAsync(HistorySearch search, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="batchSize"/> messages that are older than
    /// <paramref name="olderThan"/> or beyond a room's newest <paramref name="maxPerRoom"/> (0: no cap); returns
    /// how many it deleted, so the caller repeats while it is a full batch.</summary>
    Task<int> PruneAsync(DateTimeOffset? olderThan, int maxPerRoom, int batchSize, CancellationToken cancellationToken);

    /// <summary>Remembers a room (and its topic, null for none); idempotent.</summary>
    Task SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredRoom>> LoadRoomsAsync(CancellationToken cancellationToken);
}
