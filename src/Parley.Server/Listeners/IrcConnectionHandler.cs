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
    : ConnectionHandler
{
    private readonly ILogger<IrcConnectionHandler> _logger = logger;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var address = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
        LogConnected(address);
        var core = connections.Open(connection);
        try
        {
            var session = new IrcSession(core, hub, dispatcher, options.Value, time, _logger)
            {
                IsSecure = connection.Features.Get<ITlsHandshakeFeature>() is not null,
            };
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            await core.FinishAsync().ConfigureAwait(false);
        }

        LogDisconnected(address);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Connected with {Address} (irc)")]
    private partial void LogConnected(string address);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Disconnected {Address} (irc)")]
    private partial void LogDisconnected(string address);
}
