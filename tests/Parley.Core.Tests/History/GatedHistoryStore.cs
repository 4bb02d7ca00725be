using System.Diagnostics;

using Parley.Core.History;

namespace Parley.Core.Tests.History;

/// <summary>A store in memory whose appends wait for <see cref="Open"/> (or fail, with <see cref="Fails"/>), and
/// which records each committed batch and the <see cref="Activity"/> its append ran under.</summary>
public sealed class GatedHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly List<HistoryEntry[]> _batches = [];
    private readonly List<string?> _appendActivities = [];
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Fails { get; init; }

    public string Description => "gated";

    public IReadOnlyList<HistoryEntry[]> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>For each committed batch, the operation name of <see cref="Activity.Current"/> when it was stored
    /// (null: none); an open store's appends run on the history writer's thread.</summary>
    public IReadOnlyList<string?> AppendActivities
    {
        get
        {
            lock (_gate)
            {
                return [.. _appendActivities];
            }
        }
    }

    public void Open() => _open.TrySetResult();

    public Task<long> OpenAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public async Task AppendAsync(IReadOnlyList<HistoryEntry> batch, CancellationToken cancellationToken)
    {
        await _open.Task.ConfigureAwait(false);
        if (Fails)
        {
            throw new IOException("disk full");
        }

        lock (_gate)
        {
            _batches.Add([.. batch]);
            _appendActivities.Add(Activity.Current?.OperationName);
        }
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadRoomAsync(string room, HistoryRange range, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryEntry>>([]);

    public Task<IReadOnlyList<HistoryEntry>> ReadDirectAsync(DirectParty reader, string other, HistoryRange range, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryEntry>>([]);

    public Task<IReadOnlyList<HistoryTarget>> ReadTargetsAsync(HistoryTargetQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryTarget>>([]);

    public Task<IReadOnlyList<HistoryEntry>> SearchAsync(HistorySearch search, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryEntry>>([]);

    public Task<int> PruneAsync(DateTimeOffset? olderThan, int maxPerRoom, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<StoredRoom>> LoadRoomsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRoom>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
