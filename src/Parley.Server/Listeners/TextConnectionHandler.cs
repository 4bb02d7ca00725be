using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Commands;
using Parley.Core.Hub;
using Parley.Server.Connections;
using Parley.Server.Hosting;
using Parley.Server.Sessions;

namespace Parley.Server.Listeners;

/// <summary>The text listener: the seed texts' plain-text dialects on one port (docs/protocol.md).</summary>
public sealed partial class TextConnectionHandler(
    ChatHub hub,
    CommandDispatcher dispatcher,
    ConnectionRegistry connections,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<TextConnectionHandler> logger)
    : SessionConnectionHandler(connections)
{
    private readonly ILogger<TextConnectionHandler> _logger = logger;

    protected override Task RunSessionAsync(ClientConnection core, ConnectionContext connection) =>
        new TextSession(core, hub, dispatcher, options.Value, time, _logger).RunAsync();

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Connected with {Address}")]
    protected override partial void LogConnected(string address);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Disconnected {Address}")]
    protected override partial void LogDisconnected(string address);
}
