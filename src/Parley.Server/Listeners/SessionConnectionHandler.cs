using Microsoft.AspNetCore.Connections;

using Parley.Server.Connections;

namespace Parley.Server.Listeners;

/// <summary>
/// What every TCP listener does with a new connection: opens it in the connection core, runs the protocol's
/// session on it, and finishes it (the last bytes go out, then the transport closes) however the session ended.
/// A listener supplies only its session and its two log lines (each protocol keeps its documented event ids).
/// </summary>
public abstract class SessionConnectionHandler(ConnectionRegistry connections) : ConnectionHandler
{
    public sealed override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var address = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
        LogConnected(address);
        var core = connections.Open(connection);
        try
        {
            await RunSessionAsync(core, connection).ConfigureAwait(false);
        }
        finally
        {
            await core.FinishAsync().ConfigureAwait(false);
        }

        LogDisconnected(address);
    }

    /// <summary>The protocol's session over <paramref name="core"/>, until the client leaves or the core closes it.</summary>
    protected abstract Task RunSessionAsync(ClientConnection core, ConnectionContext connection);

    protected abstract void LogConnected(string address);

    protected abstract void LogDisconnected(string address);
}
