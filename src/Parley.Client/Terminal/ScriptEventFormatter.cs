using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>
/// The script-mode stdout format: one line per event (a notice may hold several), no colour, no timestamp,
/// stable for other programs to parse (documented in docs/client.md). Null means the event prints nothing.
/// </summary>
public static class ScriptEventFormatter
{
    public const string ShutdownLine = "* Server is shutting down.";

    public static string? Format(ClientEvent clientEvent, SessionView? view = null) => clientEvent switch
    {
        MessageReceived { IsPrivate: true, To: { } to } m when view is not null && view.IsMe(m.From) => $"-> {to} (private): {m.Text}",
        MessageReceived { IsPrivate: true } m => $"{m.From} (private): {m.Text}",
        MessageReceived { Room: { } room } m when view is null || !view.IsCurrent(room) => $"[{room}] {m.From}: {m.Text}",
        MessageReceived m => $"{m.From}: {m.Text}",
        MemberJoined { Room: { } room } j => $"* {j.Nick} joined {room}",
        MemberJoined j => $"* {j.Nick} joined",
        MemberLeft { Room: { } room } l => $"* {l.Nick} left {room}",
        MemberLeft l => $"* {l.Nick} left",
        MemberRenamed r => $"* {r.Nick} is now known as {r.NewNick}",
        NoticeReceived { Kind: ServerFrameMapper.ServerUser } n => $"* {n.Text}",
        NoticeReceived n => n.Text,
        ErrorReceived e => $"error: {e.Text}",
        ServerShuttingDown { Text: { Length: > 0 } text } => $"{text}{Environment.NewLine}{ShutdownLine}",
        ServerShuttingDown => ShutdownLine,
        ConnectionLost => "* Connection to the server was lost.",
        SubscriptionChanged { IsSubscribed: true } s => $"* subscribed as {s.Client}",
        SubscriptionChanged s => $"* unsubscribed {s.Client}",
        Welcomed => null,
        _ => clientEvent.ToString(),
    };
}
