namespace Parley.Client.Bench;

/// <summary>One wire format as the bench needs it: register and join, frame a message, read what comes back.
/// Everything but the handshake runs on the hot path and must not allocate.</summary>
internal interface IBenchDialect
{
    /// <summary>Bytes a frame adds around the payload (a sender sizes its buffer with it).</summary>
    int FrameOverhead { get; }

    /// <summary>Registers <paramref name="nick"/> and joins the room; throws <see cref="BenchHandshakeException"/> when refused.</summary>
    Task HandshakeAsync(BenchConnection connection, string nick, CancellationToken cancellationToken);

    /// <summary>Writes one message frame around <paramref name="payload"/>; returns its length. The payload's
    /// offset in the frame is <see cref="PayloadOffset"/>, so a sender can rewrite only the timestamp.</summary>
    int WriteMessage(Span<byte> destination, ReadOnlySpan<byte> payload);

    /// <summary>Where the payload starts inside a frame written by <see cref="WriteMessage"/>.</summary>
    int PayloadOffset { get; }

    /// <summary>Classifies a line (terminator removed) that carries no bench payload.</summary>
    LineKind Classify(ReadOnlySpan<byte> line);

    /// <summary>Writes the answer to a <see cref="LineKind.Ping"/> line; returns its length, 0 for none.</summary>
    int WritePong(ReadOnlySpan<byte> ping, Span<byte> destination);
}
