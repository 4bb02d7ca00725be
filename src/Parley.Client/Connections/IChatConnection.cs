using System.Threading.Channels;

namespace Parley.Client.Connections;

/// <summary>
/// One registered session with a chat server, independent of the wire format (text today, JSON next).
/// Contract: <see cref="ConnectAsync"/> returns once the server accepted the name, or throws
/// <see cref="ChatConnectException"/>. <see cref="Events"/> then yields what the server sends and completes
/// when the connection ends; it ends with <see cref="ServerShuttingDown"/> or <see cref="ConnectionLost"/>
/// unless this side called <see cref="DisconnectAsync"/> first. <see cref="SendAsync"/> may be called from
/// one caller at a time per direction, but sends and disconnects are serialised internally anyway.
/// </summary>
public interface IChatConnection : IAsyncDisposable
{
    ChannelReader<ClientEvent> Events { get; }

    Task ConnectAsync(ChatEndpoint endpoint, string name, CancellationToken cancellationToken);

    /// <summary>Sends one line the user typed; commands (<c>/who</c>, <c>weather</c>) go the same way.</summary>
    ValueTask SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Says goodbye, then waits (bounded by the token) for the server to close its side.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);
}
