using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Commands;
using Parley.Core.Hub;
using Parley.Server.Connections;
using Parley.Server.Hosting;
using Parley.Server.Sessions;

namespace Parley.Server.Listeners;

/// <summary>The IRC listener: RFC 1459/2812 clients as modern clients speak it, with IRCv3 capabilities (docs/protocol.md, "IRC").</summary>
public sealed partial class IrcConnectionHandler(
    ChatHub hub,
    CommandDispatcher dispatcher,
    ConnectionRegistry connections,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<IrcConnectionHandler> logger)
    : SessionConnectionHandler(connections)
{
    private readonly ILogger<IrcConnectionHandler> _logger = logger;

    protected override Task RunSessionAsync(ClientConnection core, ConnectionContext connection) =>
        new IrcSession(core, hub, dispatcher, options.Value, time, _logger)
        {
            IsSecure = connection.Features.Get<ITlsHandshakeFeature>() is not null,
        }.RunAsync();

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Connected with {Address} (irc)")]
    protected override partial void LogConnected(string address);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Disconnected {Address} (irc)")]
    protected override partial void LogDisconnected(string address);
}
