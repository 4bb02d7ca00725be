using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Parley.Core.History;
using Parley.Core.Hub;

namespace Parley.Server.Storage;

/// <summary>
/// Enforces --history-max-age and the per-room cap in the background: every <see cref="HistoryOptions.PruneInterval"/>
/// it deletes in steps of at most <see cref="HistoryOptions.PruneBatch"/> rows (each a short transaction, so the
/// message writer never waits long), until a step finds less than a full batch.
/// </summary>
public sealed partial class RetentionService(ChatHub hub, HistoryOptions options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    private readonly ILogger<RetentionService> _logger = logger;
    private int _passes;

    /// <summary>Completed passes, for tests that wait for one.</summary>
    public int Passes => Volatile.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled || (options.MaxAge <= TimeSpan.Zero && options.MaxMessagesPerRoom <= 0))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPruneFailed(ex);
            }

            Interlocked.Increment(ref _passes);
            try
            {
                await Task.Delay(options.PruneInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PruneAsync(CancellationToken stoppingToken)
    {
        if (hub.HistoryStore is not { } store)
        {
            return;
        }

        var total = 0;
        while (true)
        {
            DateTimeOffset? cut = options.MaxAge > TimeSpan.Zero ? time.GetUtcNow() - options.MaxAge : null;
            var deleted = await store.PruneAsync(cut, options.MaxMessagesPerRoom, options.PruneBatch, stoppingToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < options.PruneBatch)
            {
                break;
            }

            // Let the message writer in between two steps.
            await Task.Yield();
        }

        if (total > 0)
        {
            LogPruned(total);
        }
    }
}
