using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// Server frames to <see cref="ClientEvent"/>s. Lenient like the parser: a missing field becomes an empty
/// string, and frames the client has no use for (pong, unknown types from a newer server) map to null and are
/// ignored.
/// </summary>
public static class ServerFrameMapper
{
    /// <summary>
    /// The "user" of server notices in seed-style (message-shaped) deliveries to subscribers; such a notice gets it
    /// as its kind, so it is shown as <c>* text</c> like other server lines of that mode.
    /// </summary>
    public const string ServerUser = "server";

    /// <summary>"renamed" is not a <see cref="ServerFrameType"/> yet, so it arrives as Unknown with its type name.</summary>
    private const string RenamedType = "renamed";

    public static ClientEvent? Map(ServerFrame frame, bool seedStyle = false)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Type switch
        {
            // Seed-style deliveries put the server's own news (joins, departures, renames, notices) in a message
            // from "server"; its text says it all, the typed fields would name "server" as the member.
            ServerFrameType.Message or ServerFrameType.Joined or ServerFrameType.Left or ServerFrameType.Notice or ServerFrameType.Unknown
                when seedStyle && frame.User == ServerUser && frame.Message is { } news => new NoticeReceived(news, ServerUser),

            // Subscribers live outside rooms (chat5.py has none), so a room on a delivery is not shown to them.
            ServerFrameType.Message => new MessageReceived(frame.User ?? string.Empty, frame.Message ?? string.Empty, false, seedStyle ? null : frame.Room),
            ServerFrameType.Direct => new MessageReceived(frame.User ?? string.Empty, frame.Message ?? string.Empty, true, null, frame.To),
            ServerFrameType.Joined => new MemberJoined(frame.User ?? string.Empty, frame.Room),
            ServerFrameType.Left => new MemberLeft(frame.User ?? string.Empty, frame.Room, frame.Reason),
            ServerFrameType.Notice => new NoticeReceived(frame.Text ?? string.Empty, frame.Kind),
            ServerFrameType.Error => new ErrorReceived(frame.Text ?? frame.Code ?? string.Empty, frame.Code),
            ServerFrameType.Shutdown => new ServerShuttingDown(frame.Text),
            ServerFrameType.Welcome => new Welcomed(frame.User ?? string.Empty, frame.Room),
            ServerFrameType.Subscribed => new SubscriptionChanged(frame.Client ?? string.Empty, true),
            ServerFrameType.Unsubscribed => new SubscriptionChanged(frame.Client ?? string.Empty, false),
            ServerFrameType.Unknown when frame.TypeName == RenamedType && frame.User is { } user && frame.To is { } to => new MemberRenamed(user, to),
            _ => null,
        };
    }
}
