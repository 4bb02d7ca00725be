namespace Parley.Protocols.Json;

/// <summary>
/// A parsed client → server frame. Which properties are set depends on <see cref="Kind"/>; the parser has
/// already checked the required ones (see docs/protocol-json.md), so a session only checks meaning (is the
/// nickname free, does the room exist).
/// </summary>
public sealed class ClientRequest
{
    public required ClientRequestKind Kind { get; init; }

    /// <summary>The client's own counter ("seq"), when it sent one.</summary>
    public long? Seq { get; init; }

    /// <summary>"user": the nickname. On an unregistered connection a message's user registers it implicitly.</summary>
    public string? User { get; init; }

    /// <summary>"message": the text of a chat or direct message.</summary>
    public string? Message { get; init; }

    /// <summary>"room": target of a message, join, part or who.</summary>
    public string? Room { get; init; }

    /// <summary>"to": the recipient of a direct message.</summary>
    public string? To { get; init; }

    /// <summary>"place": where a weather request asks about; null for the server's default.</summary>
    public string? Place { get; init; }

    /// <summary>"client": the "ip:port" of a subscribe/unsubscribe operation.</summary>
    public string? Client { get; init; }

    /// <summary>"version": the protocol version of a hello.</summary>
    public long? Version { get; init; }

    public override string ToString() => $"{Kind} user={User} room={Room} to={To} message={Message}";
}
