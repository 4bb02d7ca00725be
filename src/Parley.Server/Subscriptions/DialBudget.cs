using System.Threading.RateLimiting;

using Microsoft.Extensions.Options;

using Parley.Server.Hosting;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The effort the whole server may spend dialling subscribers: at most
/// <see cref="ServerOptions.SubscriberDialsPerSecond"/> dials started per second (one token at a time, so no
/// burst above the rate) and <see cref="ServerOptions.SubscriberMaxConcurrentDials"/> in progress. Each
/// subscription dials at most once at a time, so the wait queue is bounded by the number of subscriptions.
/// </summary>
public sealed class DialBudget : IDisposable
{
    private readonly TokenBucketRateLimiter _rate;
    private readonly ConcurrencyLimiter _concurrent;

    public DialBudget(IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var queue = settings.MaxSubscribers * 2;
        _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / settings.SubscriberDialsPerSecond),
            AutoReplenishment = true,
            QueueLimit = queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _concurrent = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.SubscriberMaxConcurrentDials,
            QueueLimit = queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for a dial slot; dispose the lease when the dial is over. Null: no slot (queue full).</summary>
    public async ValueTask<IDisposable?> AcquireAsync(CancellationToken cancellationToken)
    {
        using var started = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!started.IsAcquired)
        {
            return null;
        }

        var slot = await _concurrent.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (slot.IsAcquired)
        {
            return slot;
        }

        slot.Dispose();
        return null;
    }

    public void Dispose()
    {
        _rate.Dispose();
        _concurrent.Dispose();
    }
}
