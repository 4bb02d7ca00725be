using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Commands;
using Parley.Core.Hub;
using Parley.Server.Connections;
using Parley.Server.Hosting;
using Parley.Server.Sessions;
using Parley.Server.Subscriptions;

namespace Parley.Server.Listeners;

/// <summary>The JSON-lines listener: Parley's native protocol and the seed's JSON clients (docs/protocol-json.md).</summary>
public sealed partial class JsonConnectionHandler(
    ChatHub hub,
    CommandDispatcher dispatcher,
    SubscriberRegistry registry,
    ConnectionRegistry connections,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<JsonConnectionHandler> logger)
    : SessionConnectionHandler(connections)
{
    private readonly ILogger<JsonConnectionHandler> _logger = logger;

    protected override Task RunSessionAsync(ClientConnection core, ConnectionContext connection) =>
        new JsonSession(core, hub, dispatcher, registry, options.Value, time, _logger).RunAsync();

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Connected with {Address} (json)")]
    protected override partial void LogConnected(string address);

    [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Disconnected {Address} (json)")]
    protected override partial void LogDisconnected(string address);
}
