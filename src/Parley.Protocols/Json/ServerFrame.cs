namespace Parley.Protocols.Json;

/// <summary>
/// A server → client frame as the terminal client and peer mode see it. Which properties are set depends on
/// <see cref="Type"/>; the client is lenient, so a missing or mistyped field is simply null.
/// </summary>
public sealed class ServerFrame
{
    public required ServerFrameType Type { get; init; }

    /// <summary>Set when the bytes could not be read as a frame; <see cref="Type"/> is then Unknown.</summary>
    public JsonFrameErrorKind FrameError { get; init; }

    /// <summary>The "type" text when <see cref="Type"/> is Unknown, to show or log.</summary>
    public string? TypeName { get; init; }

    public long? Seq { get; init; }

    public string? User { get; init; }

    public string? Message { get; init; }

    public string? Room { get; init; }

    public string? To { get; init; }

    public long? Id { get; init; }

    public DateTimeOffset? Time { get; init; }

    public string? Reason { get; init; }

    /// <summary>A notice's "kind": the lower-case NoticeKind name ("weather").</summary>
    public string? Kind { get; init; }

    public string? Text { get; init; }

    public string? Code { get; init; }

    public string? Client { get; init; }

    public long? Version { get; init; }

    public override string ToString() => $"{Type} user={User} room={Room} message={Message} text={Text}";
}
