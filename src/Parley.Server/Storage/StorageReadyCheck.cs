using Microsoft.Extensions.Diagnostics.HealthChecks;

using Parley.Core.History;
using Parley.Core.Hub;

namespace Parley.Server.Storage;

/// <summary>Part of <c>/readyz</c> (tag "ready"): with history on, the store answers a one-row read of the default
/// room, so a node whose database is unreachable is taken out of a load balancer's rotation.</summary>
internal sealed class StorageReadyCheck(ChatHub hub) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (hub.HistoryStore is not { } store)
        {
            return HealthCheckResult.Healthy("history off");
        }

        try
        {
            await store.ReadRoomAsync(hub.Options.DefaultRoom, HistoryRange.Latest(1), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("history store unreachable: " + ex.Message);
        }
    }
}
