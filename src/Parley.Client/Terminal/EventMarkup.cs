using Parley.Client.Connections;
using Parley.Core.Text;

using Spectre.Console;

namespace Parley.Client.Terminal;

/// <summary>
/// Spectre markup for the interactive view: <c>HH:mm</c> stamp, a colour per sender, notices dimmed, errors red,
/// the room only on messages from rooms other than the current one. Null means the event shows nothing.
/// </summary>
public static class EventMarkup
{
    public static string? For(ClientEvent clientEvent, DateTimeOffset now, SessionView? view = null)
    {
        var stamp = $"[grey]{now:HH:mm}[/]";
        return clientEvent switch
        {
            MessageReceived { IsPrivate: true, To: { } to } m when view is not null && view.IsMe(m.From) => OwnPrivate(to, m.Text, now),
            MessageReceived m => $"{stamp} {RoomTag(m, view)}{Nick(m.From)}{(m.IsPrivate ? " [italic](private)[/]" : string.Empty)}: {Safe(m.Text)}",
            MemberJoined j => $"{stamp} [dim]* {Safe(j.Nick)} joined{InRoom(j.Room)}[/]",
            MemberLeft l => $"{stamp} [dim]* {Safe(l.Nick)} left{InRoom(l.Room)}[/]",
            MemberRenamed r => $"{stamp} [dim]* {Safe(r.Nick)} is now known as {Safe(r.NewNick)}[/]",
            NoticeReceived n => $"{stamp} [dim]{SafeLines(n.Text)}[/]",
            ErrorReceived e => $"{stamp} [red]error: {Safe(e.Text)}[/]",
            ServerShuttingDown s => $"{stamp} [yellow]{(s.Detail is { } detail ? Safe(detail) + " " : string.Empty)}{ServerShuttingDown.Sentence}[/]",
            ConnectionLost c => $"{stamp} [red]Connection to the server was lost ({Safe(c.Reason)}).[/]",
            SubscriptionChanged s => $"{stamp} [dim]* {(s.IsSubscribed ? "subscribed as" : "unsubscribed")} {Safe(s.Client)}[/]",
            Welcomed => null,
            _ => $"{stamp} {Safe(clientEvent.ToString() ?? string.Empty)}",
        };
    }

    /// <summary>What the user just sent; the server does not echo a message back to its sender.</summary>
    public static string Own(string name, string text, DateTimeOffset now) =>
        $"[grey]{now:HH:mm}[/] [bold]{Nick(name)}[/]: {Safe(text)}";

    /// <summary>A private message the user just sent (<c>/msg NICK TEXT</c>); the server does not echo it either.</summary>
    public static string OwnPrivate(string to, string text, DateTimeOffset now) =>
        $"[grey]{now:HH:mm}[/] [italic]-> {Nick(to)} (private)[/]: {Safe(text)}";

    /// <summary>The client's own lines (the local /help list), dimmed like notices.</summary>
    public static string Local(string text, DateTimeOffset now) => $"[grey]{now:HH:mm}[/] [dim]{Safe(text)}[/]";

    private static string RoomTag(MessageReceived m, SessionView? view) =>
        m.Room is { } room && (view is null || !view.IsCurrent(room)) ? $"[dim]{Safe($"[{room}]")}[/] " : string.Empty;

    private static string InRoom(string? room) => room is null ? string.Empty : $" {Safe(room)}";

    // Text from the network is shown with its control characters neutralised (Parley.Core.Text.TerminalText):
    // a peer must not be able to erase lines, move the cursor or forge a line on this terminal.
    private static string Safe(string text) => Markup.Escape(TerminalText.Neutralize(text));

    private static string SafeLines(string text) => Markup.Escape(TerminalText.NeutralizeLines(text));

    private static string Nick(string nick) => $"[{NickPalette.ColourFor(nick)}]{Safe(nick)}[/]";
}
