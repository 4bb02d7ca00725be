using Parley.Core.Events;

namespace Parley.Server.Connections;

/// <summary>
/// What a protocol adapter (a session) tells the connection core. Framing and the handshake stay in the session;
/// everything about sending, timing and closing is the core's (<see cref="ClientConnection"/>).
/// </summary>
public interface IConnectionProtocol
{
    /// <summary>The connection's wire format now; it may change until the handshake settles it, and the core reads it
    /// for every event it encodes (hub events and its own goodbyes).</summary>
    IEventEncoder Encoder { get; }

    /// <summary>For logs: the nickname once there is one, else the remote address.</summary>
    string Who { get; }
}
