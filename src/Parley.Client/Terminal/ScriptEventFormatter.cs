using Parley.Client.Connections;
using Parley.Core.Text;

namespace Parley.Client.Terminal;

/// <summary>
/// The script-mode stdout format: one line per event (a notice may hold several), no colour, no timestamp,
/// stable for other programs to parse (documented in docs/client.md). Null means the event prints nothing.
/// </summary>
public static class ScriptEventFormatter
{
    public const string ShutdownLine = "* " + ServerShuttingDown.Sentence;

    public static string? Format(ClientEvent clientEvent, SessionView? view = null) =>
        Unsafe(clientEvent, view) is { } text ? TerminalText.NeutralizeLines(text) : null;

    // Every field but a notice's text is one line: a message's own line breaks are shown, not obeyed.
    private static string? Unsafe(ClientEvent clientEvent, SessionView? view) => clientEvent switch
    {
        MessageReceived { IsPrivate: true, To: { } to } m when view is not null && view.IsMe(m.From) => $"-> {L(to)} (private): {L(m.Text)}",
        MessageReceived { IsPrivate: true } m => $"{L(m.From)} (private): {L(m.Text)}",
        MessageReceived { Room: { } room } m when view is null || !view.IsCurrent(room) => $"[{room}] {L(m.From)}: {L(m.Text)}",
        MessageReceived m => $"{L(m.From)}: {L(m.Text)}",
        MemberJoined { Room: { } room } j => $"* {L(j.Nick)} joined {room}",
        MemberJoined j => $"* {L(j.Nick)} joined",
        MemberLeft { Room: { } room } l => $"* {L(l.Nick)} left {room}",
        MemberLeft l => $"* {L(l.Nick)} left",
        MemberRenamed r => $"* {L(r.Nick)} is now known as {L(r.NewNick)}",
        NoticeReceived { Kind: ServerFrameMapper.ServerUser } n => $"* {n.Text}",
        NoticeReceived n => n.Text,
        ErrorReceived e => $"error: {L(e.Text)}",
        ServerShuttingDown { Detail: { } detail } => $"{detail}{Environment.NewLine}{ShutdownLine}",
        ServerShuttingDown => ShutdownLine,
        ConnectionLost => "* Connection to the server was lost.",
        SubscriptionChanged { IsSubscribed: true } s => $"* subscribed as {L(s.Client)}",
        SubscriptionChanged s => $"* unsubscribed {L(s.Client)}",
        Welcomed => null,
        _ => clientEvent.ToString(),
    };

    private static string L(string text) => TerminalText.Neutralize(text);
}
