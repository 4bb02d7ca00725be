namespace Parley.Server.Connections;

/// <summary>Why the connection core ended a connection (none while it is open). Numbers are not persisted.</summary>
public enum CloseReason
{
    None,

    /// <summary>The session asked for it (hub completed the sink, the client quit); nothing more to say.</summary>
    Completed,

    /// <summary>The server is stopping.</summary>
    Shutdown,

    /// <summary>The peer's kernel does not take bytes: send queue over <c>SendQueueBytes</c> or no progress for <c>SendTimeout</c>.</summary>
    SlowConsumer,

    /// <summary>The client stayed over its message budget for <c>FloodTimeout</c>.</summary>
    Flood,

    /// <summary>No registration within <c>HandshakeTimeout</c>.</summary>
    HandshakeTimeout,

    /// <summary>Nothing received for <c>IdleTimeout</c>.</summary>
    IdleTimeout,
}
