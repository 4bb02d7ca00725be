using System.Diagnostics;

using Parley.Core.History;
using Parley.Server.Metrics;

namespace Parley.Server.Storage;

/// <summary>A store that reports how long each batch took to become durable (<c>parley_history_write_seconds</c>);
/// everything else passes through.</summary>
internal sealed class TimedHistoryStore(IHistoryStore inner, ServerMetrics metrics) : IHistoryStore
{
    public string Description => inner.Description;

    public Task<long> OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public async Task AppendAsync(IReadOnlyList<HistoryEntry> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        metrics.HistoryWriteSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadRoomAsync(string room, HistoryRange range, CancellationToken cancellationToken) =>
        inner.ReadRoomAsync(room, range, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(DirectParty reader, string other, HistoryRange range, CancellationToken cancellationToken) =>
        inner.ReadDirectAsync(reader, other, range, cancellationToken);

    public Task<IReadOnlyList<HistoryTarget>> ReadTargetsAsync(HistoryTargetQuery query, CancellationToken cancellationToken) =>
        inner.ReadTargetsAsync(query, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> SearchAsync(HistorySearch search, CancellationToken cancellationToken) =>
        inner.SearchAsync(search, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset? olderThan, int maxPerRoom, int batchSize, CancellationToken cancellationToken) =>
        inner.PruneAsync(olderThan, maxPerRoom, batchSize, cancellationToken);

    public Task SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken) => inner.SaveRoomAsync(room, cancellationToken);

    public Task<IReadOnlyList<StoredRoom>> LoadRoomsAsync(CancellationToken cancellationToken) => inner.LoadRoomsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
