using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

using Parley.Core.Hub;
using Parley.Server.Connections;
using Parley.Server.Metrics;

namespace Parley.Server.Web;

/// <summary>The HTTP side of the server: the page (embedded static files), <c>/ws</c>, <c>/healthz</c>,
/// <c>/readyz</c> and <c>/metrics</c> (docs/operations.md, "HTTP").</summary>
public static class WebApplicationExtensions
{
    // No inline script or style anywhere; the page talks only to its own origin (ws: included, CSP level 3).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication MapParleyWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bindings = app.Services.GetRequiredService<HttpBindings>();
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        var hub = app.Services.GetRequiredService<ChatHub>();
        var connections = app.Services.GetRequiredService<ConnectionRegistry>();
        metrics.BeforeScrape(() =>
        {
            metrics.Rooms.Set(hub.ListRooms().Count);
            metrics.Members.Set(hub.MemberCount);
            metrics.SendQueueBytes.Set(connections.QueuedBytes());
        });

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";

            // The metrics listener serves /metrics and nothing else; the public one serves everything but it
            // when the metrics have a listener of their own.
            var onMetricsPort = bindings.IsMetricsPort(context.Connection.LocalPort);
            var isMetrics = context.Request.Path.Equals("/metrics", StringComparison.Ordinal);
            if (onMetricsPort != isMetrics && (onMetricsPort || bindings.Metrics is not null))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });

        var files = new ManifestEmbeddedFileProvider(typeof(WebApplicationExtensions).Assembly, "Web/wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // The page is part of the server binary: revalidate, so an upgraded server never runs an old script.
            OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseWebSockets();

        var endpoint = app.Services.GetRequiredService<WebSocketEndpoint>();
        app.Map("/ws", endpoint.HandleAsync);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ListenersReadyCheck.ReadyTag) });
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }
}
