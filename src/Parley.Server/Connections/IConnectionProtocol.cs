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

    /// <summary>The protocol's keep-alive, when it has one (IRC's PING): the core's heartbeat calls
    /// <see cref="SendKeepAlive"/> once the client has been silent for <see cref="KeepAlive.Interval"/>, and closes
    /// the connection as timed out when nothing came for <see cref="KeepAlive.Timeout"/> after that.</summary>
    KeepAlive? KeepAlive => null;

    /// <summary>Sends the protocol's keep-alive request; from the heartbeat's thread, so it must be thread-safe.</summary>
    void SendKeepAlive()
    {
    }
}

/// <summary>A protocol's keep-alive timing (see <see cref="IConnectionProtocol.KeepAlive"/>).</summary>
public readonly record struct KeepAlive(TimeSpan Interval, TimeSpan Timeout);
