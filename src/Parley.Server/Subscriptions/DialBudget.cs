using Microsoft.Extensions.Options;

using Parley.Server.Hosting;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The effort the whole server may spend dialling subscribers: dial starts are spaced at least
/// 1 / <see cref="ServerOptions.SubscriberDialsPerSecond"/> apart (so no second ever holds more than that many,
/// and there is no burst), and at most <see cref="ServerOptions.SubscriberMaxConcurrentDials"/> are in progress.
/// Each subscription dials at most once at a time, so waiters are bounded by the number of subscriptions.
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DialBudget : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _spacing;
    private readonly SemaphoreSlim _inProgress;
    private long _nextStart;

    public DialBudget(IOptions<ServerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _spacing = time.TimestampFrequency / options.Value.SubscriberDialsPerSecond;
        _inProgress = new SemaphoreSlim(options.Value.SubscriberMaxConcurrentDials, options.Value.SubscriberMaxConcurrentDials);
        _nextStart = time.GetTimestamp();
    }

    /// <summary>Waits for this dial's turn and a free slot; dispose the result when the dial is over.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _inProgress.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                var start = Math.Max(now, _nextStart);
                _nextStart = start + _spacing;
                wait = start - now;
            }

            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), _time, cancellationToken).ConfigureAwait(false);
            }

            return new Slot(_inProgress);
        }
        catch
        {
            _inProgress.Release();
            throw;
        }
    }

    public void Dispose() => _inProgress.Dispose();

    private sealed class Slot(SemaphoreSlim inProgress) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                inProgress.Release();
            }
        }
    }
}
