namespace Parley.Protocols.Json;

/// <summary>Constants of Parley's native JSON-lines protocol (docs/protocol-json.md).</summary>
public static class JsonProtocol
{
    /// <summary>The protocol version a server announces in its welcome and a client sends in its hello.</summary>
    public const int Version = 1;

    /// <summary>Default largest frame, in bytes, before a reader reports <see cref="JsonFrameErrorKind.Oversize"/>.</summary>
    public const int DefaultMaxFrameSize = 64 * 1024;
}
