using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Commands;
using Parley.Core.History;
using Parley.Core.Hub;
using Parley.Protocols.Irc;
using Parley.Protocols.Json;
using Parley.Protocols.Text;
using Parley.Server.Accounts;
using Parley.Server.Admission;
using Parley.Server.Cluster;
using Parley.Server.Connections;
using Parley.Server.Listeners;
using Parley.Server.Memory;
using Parley.Server.Metrics;
using Parley.Server.Storage;
using Parley.Server.Subscriptions;
using Parley.Server.Tls;
using Parley.Server.Transport;
using Parley.Server.Weather;
using Parley.Server.Web;

namespace Parley.Server.Hosting;

/// <summary>
/// The Parley server on the generic host: Kestrel with one ConnectionHandler per wire format, the hub, the
/// weather service, console logging. Settings come from configuration ("Parley:Server", "Parley:Hub",
/// "Parley:Weather"), which the command line overrides.
/// </summary>
public sealed class ParleyServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Name, ListenOptions Listen)> _listeners;

    private ParleyServerHost(WebApplication app, List<(string Name, ListenOptions Listen)> listeners)
    {
        _app = app;
        _listeners = listeners;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Bound endpoints by listener name ("text", "json", ...); filled in by <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<(string Name, IPEndPoint EndPoint)> Endpoints { get; private set; } = [];

    public static ParleyServerHost Create(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null)
    {
        // Settings are read once at start-up (and validated), so appsettings.json is not watched for changes: the
        // watcher would cover the working directory and every directory below it (inotify), and every write there,
        // the history database's included when it lies below, would wake it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // The weather service logs its own failures in one line; the HttpClient's request logs are noise here.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.None);

        // A failed start (port in use) is reported by the caller in one line; the host's stack trace is noise.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        if (configureLogging is null)
        {
            // The console logger writes from its own queue; when a flood outruns the terminal, lines are dropped
            // (it says how many) rather than blocking the thread that delivers messages.
            builder.Logging.AddConsole(o =>
                {
                    o.FormatterName = ParleyConsoleFormatter.FormatterName;
                    o.QueueFullMode = Microsoft.Extensions.Logging.Console.ConsoleLoggerQueueFullMode.DropWrite;
                })
                .AddConsoleFormatter<ParleyConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        }
        else
        {
            configureLogging(builder.Logging);
        }

        AddParleyServices(builder.Services, builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var server = builder.Configuration.GetSection("Parley:Server").Get<ServerOptions>() ?? new ServerOptions();
        var tls = builder.Configuration.GetSection("Parley:Tls").Get<TlsOptions>() ?? new TlsOptions();
        TlsListeners.Validate(tls);
        var listeners = new List<(string, ListenOptions)>();
        var bindings = new HttpBindings();
        builder.Services.AddSingleton(bindings);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = server.ShutdownTimeout + TimeSpan.FromSeconds(2));
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.UnsafePreferInlineScheduling = server.InlineSocketScheduling;
            sockets.NoDelay = server.NoDelay;
        });
        if (server.TransportBufferPool == "shared")
        {
            builder.Services.AddSingleton<IMemoryPoolFactory<byte>, SharedBufferPoolFactory>();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // No Kestrel MaxConcurrentConnections: it counts per listener and closes without a word. Every
            // listener instead goes through UseAdmission (ConnectionAdmission), which counts over all of them,
            // per address too, and tells a refused client why in its own form.
            kestrel.Listen(ParseHost(server.Host), server.TextPort, listen =>
            {
                // Before the handshake the dialect is unknown: "error: ...\n" reads right in all of them.
                listen.UseAdmission("text", TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf));
                listen.UseConnectionHandler<TextConnectionHandler>();
                listeners.Add(("text", listen));
            });
            kestrel.Listen(ParseHost(server.Host), server.JsonPort, listen =>
            {
                // Seed-style frames are message-shaped and carry the typed keys, so every JSON client shows them.
                listen.UseAdmission("json", JsonSeedEventEncoder.Instance);
                listen.UseConnectionHandler<JsonConnectionHandler>();
                listeners.Add(("json", listen));
            });
            kestrel.Listen(ParseHost(server.Host), server.IrcPort, listen =>
            {
                // A refused IRC client reads "ERROR :<reason>", as from any IRC server.
                listen.UseAdmission("irc", IrcEventEncoder.Plain);
                listen.UseConnectionHandler<IrcConnectionHandler>();
                listeners.Add(("irc", listen));
            });
            kestrel.Listen(ParseHost(server.Host), server.HttpPort, listen =>
            {
                // The page, /ws, health and (unless it has its own listener) metrics. /ws goes through admission
                // per WebSocket (WebSocketEndpoint); plain page loads are Kestrel's HTTP with its default limits.
                listen.Protocols = HttpProtocols.Http1;
                bindings.Http = listen;
                listeners.Add(("http", listen));
            });
            if (server.MetricsHost.Length > 0)
            {
                kestrel.Listen(ParseHost(server.MetricsHost), server.MetricsPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    bindings.Metrics = listen;
                    listeners.Add(("metrics", listen));
                });
            }

            TlsListeners.Add(kestrel, ParseHost(server.Host), tls, listeners);
        });

        var app = builder.Build();
        app.MapParleyWeb();
        var hub = app.Services.GetRequiredService<ChatHub>();
        var connections = app.Services.GetRequiredService<ConnectionRegistry>();
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            // Members first (the hub tells them in their protocol), then everyone else: connections still in
            // their handshake get the notice too and stop waiting for the client.
            hub.Shutdown(TextReplies.ShuttingDown);
            connections.Shutdown(TextReplies.ShuttingDown);
        });
        return new ParleyServerHost(app, listeners);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        Endpoints = [.. _listeners.Select(l => (l.Name, l.Listen.IPEndPoint!))];
    }

    /// <summary>Tells every client the server is stopping, lets outboxes drain (bounded), and stops.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static void AddParleyServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection("Parley:Server")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HubOptions>().Bind(configuration.GetSection("Parley:Hub"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConnectionAdmission(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConnectionAdmission>>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HubOptions>>().Value);
        services.AddSingleton<ChatHub>();
        services.AddSingleton<CommandDispatcher>();

        // First of the hosted services: the store is open and attached before any listener accepts a client.
        services.AddOptions<HistoryOptions>().Bind(configuration.GetSection("Parley:History")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection("Parley:Cluster")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HistoryOptions>>().Value);
        services.AddSingleton<HistoryService>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryService>());
        services.AddParleyAccounts(configuration);
        services.AddParleyTls(configuration);
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        services.AddSingleton<DialPolicy>();
        services.AddSingleton<DialBudget>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectionRegistry>());
        services.AddSingleton<SubscriberRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriberRegistry>());
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<JsonConnectionHandler>();
        services.AddSingleton<WebSocketEndpoint>();
        services.AddHealthChecks()
            .AddCheck<ListenersReadyCheck>("listeners", tags: [ListenersReadyCheck.ReadyTag])
            .AddCheck<StorageReadyCheck>("storage", tags: [ListenersReadyCheck.ReadyTag]);
        services.AddSingleton(sp => new MemoryTrimmer(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MemoryTrimmer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<MemoryTrimmer>());
        services.AddParleyWeather(configuration.GetSection("Parley:Weather").Get<WeatherOptions>() ?? new WeatherOptions());
    }

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "0.0.0.0" => IPAddress.Any,
        _ => IPAddress.Parse(host),
    };
}
