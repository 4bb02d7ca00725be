using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Parley.Server.Web;

/// <summary>
/// Part of <c>/readyz</c>: ready once every listener is bound (the host has started) and until shutdown begins,
/// so a load balancer stops sending new clients as soon as the server is stopping. Other parts (the history
/// store's reachability) register their own checks with the "ready" tag.
/// </summary>
public sealed class ListenersReadyCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("shutting down")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("listeners bound")
            : HealthCheckResult.Unhealthy("starting"));
}
