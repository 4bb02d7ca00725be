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

    /// <summary>"key": the key of a join to a room that has one (+k).</summary>
    public string? Key { get; init; }

    /// <summary>"to": the recipient of a direct message.</summary>
    public string? To { get; init; }

    /// <summary>"place": where a weather request asks about; null for the server's default.</summary>
    public string? Place { get; init; }

    /// <summary>"client": the "ip:port" of a subscribe/unsubscribe operation.</summary>
    public string? Client { get; init; }

    /// <summary>"version": the protocol version of a hello.</summary>
    public long? Version { get; init; }

    /// <summary>"before": a history page ends before this message id (a search: older than it).</summary>
    public long? Before { get; init; }

    /// <summary>"after": a history page starts after this message id.</summary>
    public long? After { get; init; }

    /// <summary>"limit": most messages in a history or search page.</summary>
    public long? Limit { get; init; }

    /// <summary>"with": the other party of a direct conversation's history.</summary>
    public string? With { get; init; }

    /// <summary>"query": the words a search looks for.</summary>
    public string? Query { get; init; }

    /// <summary>"password": of a register, login or passwd (the old one). Never in <see cref="ToString"/> or a log.</summary>
    public string? Password { get; init; }

    /// <summary>"new": the new password of a passwd.</summary>
    public string? NewPassword { get; init; }

    /// <summary>"topic": a room's new topic.</summary>
    public string? Topic { get; init; }

    /// <summary>"nick": whom a kick removes.</summary>
    public string? Nick { get; init; }

    /// <summary>"reason": why a kick removes someone.</summary>
    public string? Reason { get; init; }

    /// <summary>"modes": a mode change in IRC form ("+i", "+o bob").</summary>
    public string? Modes { get; init; }

    public override string ToString() => $"{Kind} user={User} room={Room} to={To} message={Message}";
}
