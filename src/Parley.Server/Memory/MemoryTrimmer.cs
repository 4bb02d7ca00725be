using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Parley.Server.Hosting;

namespace Parley.Server.Memory;

/// <summary>
/// Gives a burst's memory back once the server is quiet. A join storm (every join goes to every member) or a load
/// spike leaves tens of MiB of dead objects and buffers in the GC heap; an idle server allocates almost nothing, so
/// no GC would ever run to collect them and RSS stays at the burst's peak (measured: 41 MiB of heap for 2,000 idle
/// JSON connections, of which 2.4 MiB was live; docs/benchmarks.md). Every <see cref="ServerOptions.MemoryTrimInterval"/>
/// this checks how much was allocated since the last look: when that is under <see cref="QuietBytes"/> (quiet) and
/// the committed heap grew by <see cref="ServerOptions.MemoryTrimGrowthBytes"/> since the last trim, it runs one
/// blocking, compacting, aggressive collection, which decommits what is free. Under steady load it does nothing:
/// allocation keeps the GC running on its own.
/// </summary>
public sealed partial class MemoryTrimmer : IHostedService, IDisposable
{
    /// <summary>Allocation per check below which the server counts as quiet.</summary>
    public const long QuietBytes = 512 * 1024;

    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MemoryTrimmer> _logger;
    private ITimer? _timer;
    private long _allocatedAtLastCheck;
    private long _committedAfterTrim;
    private int _checking;

    public MemoryTrimmer(ServerOptions options, TimeProvider time, ILogger<MemoryTrimmer> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.MemoryTrimInterval > TimeSpan.Zero)
        {
            _allocatedAtLastCheck = GC.GetTotalAllocatedBytes(precise: false);
            _committedAfterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
            _timer = _time.CreateTimer(static s => ((MemoryTrimmer)s!).Check(), this, _options.MemoryTrimInterval, _options.MemoryTrimInterval);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>One look (the timer's callback; public for tests). True when it collected.</summary>
    public bool Check()
    {
        if (Interlocked.Exchange(ref _checking, 1) != 0)
        {
            return false;
        }

        try
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var quiet = allocated - _allocatedAtLastCheck < QuietBytes;
            _allocatedAtLastCheck = allocated;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!quiet || committed - _committedAfterTrim < _options.MemoryTrimGrowthBytes)
            {
                // Committed memory may also have shrunk on its own: measure growth from the lowest point.
                _committedAfterTrim = Math.Min(_committedAfterTrim, committed);
                return false;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _committedAfterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
            _allocatedAtLastCheck = GC.GetTotalAllocatedBytes(precise: false);
            LogTrimmed(committed / 1024, _committedAfterTrim / 1024);
            return true;
        }
        catch (Exception ex)
        {
            LogTrimFailed(ex);
            return false;
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }
}
