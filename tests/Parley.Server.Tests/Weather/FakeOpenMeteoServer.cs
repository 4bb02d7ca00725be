using System.Collections.Concurrent;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Weather;

/// <summary>A real Kestrel on 127.0.0.1 port 0 serving <c>/v1/forecast</c> and <c>/v1/search</c> like Open-Meteo.
/// Handlers are swappable per test; every request is counted and its query string kept.</summary>
internal sealed class FakeOpenMeteoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _forecastQueries = new();
    private readonly ConcurrentQueue<string> _searchQueries = new();

    private FakeOpenMeteoServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Func<HttpContext, Task> Forecast { get; set; } = static context => JsonAsync(context, Fixtures.Read("forecast_kansas_city_fahrenheit.json"));

    public Func<HttpContext, Task> Search { get; set; } = static context => JsonAsync(context, Fixtures.Read("geocode_no_results.json"));

    public IReadOnlyCollection<string> ForecastQueries => _forecastQueries;

    public IReadOnlyCollection<string> SearchQueries => _searchQueries;

    public static async Task<FakeOpenMeteoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeOpenMeteoServer(builder.Build());
        server._app.MapGet("/v1/forecast", context =>
        {
            server._forecastQueries.Enqueue(context.Request.QueryString.Value ?? "");
            return server.Forecast(context);
        });
        server._app.MapGet("/v1/search", context =>
        {
            server._searchQueries.Enqueue(context.Request.QueryString.Value ?? "");
            return server.Search(context);
        });
        await server._app.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public static Task JsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
