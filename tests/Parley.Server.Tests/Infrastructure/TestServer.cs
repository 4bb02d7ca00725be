using System.Net;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Parley.Core.Hub;
using Parley.Server.Hosting;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A real Parley server in this process on 127.0.0.1 with port 0 for every listener.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(ParleyServerHost host) => Host = host;

    public ParleyServerHost Host { get; }

    public IPEndPoint Text => Host.Endpoints.First(e => e.Name == "text").EndPoint;

    public IPEndPoint Json => Host.Endpoints.First(e => e.Name == "json").EndPoint;

    public IPEndPoint Http => Host.Endpoints.First(e => e.Name == "http").EndPoint;

    public Uri HttpUrl => new($"http://{Http}/");

    public Uri WebSocketUrl => new($"ws://{Http}/ws");

    public IPEndPoint Irc => Host.Endpoints.First(e => e.Name == "irc").EndPoint;

    public ChatHub Hub => Host.Services.GetRequiredService<ChatHub>();

    /// <summary>The endpoint of the listener named <paramref name="name"/> ("irc-tls", "https", ...).</summary>
    public IPEndPoint Endpoint(string name) => Host.Endpoints.First(e => e.Name == name).EndPoint;

    public static async Task<TestServer> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Parley:Server:TextPort"] = "0",
            ["Parley:Server:JsonPort"] = "0",
            ["Parley:Server:HttpPort"] = "0",
            ["Parley:Server:IrcPort"] = "0",
            ["Parley:Server:Host"] = "127.0.0.1",
            ["Parley:Server:ShutdownTimeout"] = "00:00:05",
            ["Parley:Weather:BaseUrl"] = "http://127.0.0.1:9",
            ["Parley:Weather:GeocodingUrl"] = "http://127.0.0.1:9",

            // Every test server keeps its history in memory: no test writes into the real home directory.
            ["Parley:History:Data"] = ":memory:",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = ParleyServerHost.Create(all, services, logging => logging.ClearProviders());
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new TestServer(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Host.DisposeAsync();
    }
}
