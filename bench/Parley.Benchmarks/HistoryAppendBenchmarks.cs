using BenchmarkDotNet.Attributes;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.History;
using Parley.Server.Storage;

namespace Parley.Benchmarks;

/// <summary>
/// The SQLite history store's commit as the history writer makes it: one transaction per batch of room messages, into
/// a WAL file in a temporary directory, with the store's upkeep thread running beside it (the search index behind
/// the writer, checkpoints). At chat rates a batch is one message (the writer takes what queued during the previous
/// commit); under load it grows. Figures are per message; wall time, so the upkeep thread's work is not in them.
/// </summary>
[MemoryDiagnoser]
public class HistoryAppendBenchmarks
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly List<HistoryEntry> _batch = new(16);
    private DirectoryInfo _directory = null!;
    private SqliteHistoryStore _store = null!;
    private long _nextId;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("parley-bench-history-");
        _store = new SqliteHistoryStore(Path.Combine(_directory.FullName, "parley.db"), TimeSpan.FromSeconds(5), NullLogger.Instance);
        _nextId = _store.OpenAsync(default).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    /// <summary>One message per transaction: the writer at chat rates (s2: 400 messages a second).</summary>
    [Benchmark(Baseline = true)]
    public void Append_one() => Append(1);

    /// <summary>Sixteen messages per transaction: the writer under load.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public void Append_sixteen() => Append(16);

    private void Append(int count)
    {
        _batch.Clear();
        for (var i = 0; i < count; i++)
        {
            var id = ++_nextId;
            _batch.Add(new HistoryEntry(id, "#general", "alice", null, "hello from the history benchmark, message " + id, id, Time));
        }

        _store.AppendAsync(_batch, default).GetAwaiter().GetResult();
    }
}
