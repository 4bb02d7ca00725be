using System.Buffers;

namespace Parley.Server.Connections;

/// <summary>
/// A transport that frames every message itself (a WebSocket: RFC 6455 §5.2), offered by its
/// <see cref="Microsoft.AspNetCore.Connections.ConnectionContext"/> as a feature. The core then writes each message
/// through <see cref="Write"/> instead of copying its bytes as they are, and everything else (queue, batching,
/// back-pressure, slow consumers, closing) stays the core's.
/// </summary>
public interface IMessageFraming
{
    /// <summary>Writes one message (an encoder's bytes, or bytes the transport itself queued) into
    /// <paramref name="output"/>. Called under the output's lock: it must not block and should not allocate.</summary>
    void Write(IBufferWriter<byte> output, ReadOnlyMemory<byte> message);

    /// <summary>The connection core, once it exists: the transport sends its own frames (ping, pong, close) through
    /// <see cref="ClientConnection.Send"/>, so they join the same queue and never interleave with a message.</summary>
    void Bind(ClientConnection connection);
}
