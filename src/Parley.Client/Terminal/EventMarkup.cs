using Parley.Client.Connections;

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
            MessageReceived { IsPrivate: true, To: { } to } m when view is not null && view.IsMe(m.From) =>
                $"{stamp} [italic]-> {Nick(to)} (private)[/]: {Markup.Escape(m.Text)}",
            MessageReceived m => $"{stamp} {RoomTag(m, view)}{Nick(m.From)}{(m.IsPrivate ? " [italic](private)[/]" : string.Empty)}: {Markup.Escape(m.Text)}",
            MemberJoined j => $"{stamp} [dim]* {Markup.Escape(j.Nick)} joined{InRoom(j.Room)}[/]",
            MemberLeft l => $"{stamp} [dim]* {Markup.Escape(l.Nick)} left{InRoom(l.Room)}[/]",
            MemberRenamed r => $"{stamp} [dim]* {Markup.Escape(r.Nick)} is now known as {Markup.Escape(r.NewNick)}[/]",
            NoticeReceived n => $"{stamp} [dim]{Markup.Escape(n.Text)}[/]",
            ErrorReceived e => $"{stamp} [red]error: {Markup.Escape(e.Text)}[/]",
            ServerShuttingDown s => $"{stamp} [yellow]{(string.IsNullOrEmpty(s.Text) ? string.Empty : Markup.Escape(s.Text) + " ")}Server is shutting down.[/]",
            ConnectionLost c => $"{stamp} [red]Connection to the server was lost ({Markup.Escape(c.Reason)}).[/]",
            SubscriptionChanged s => $"{stamp} [dim]* {(s.IsSubscribed ? "subscribed as" : "unsubscribed")} {Markup.Escape(s.Client)}[/]",
            Welcomed => null,
            _ => $"{stamp} {Markup.Escape(clientEvent.ToString() ?? string.Empty)}",
        };
    }

    /// <summary>What the user just sent; the server does not echo a message back to its sender.</summary>
    public static string Own(string name, string text, DateTimeOffset now) =>
        $"[grey]{now:HH:mm}[/] [bold]{Nick(name)}[/]: {Markup.Escape(text)}";

    /// <summary>The client's own lines (the local /help list), dimmed like notices.</summary>
    public static string Local(string text, DateTimeOffset now) => $"[grey]{now:HH:mm}[/] [dim]{Markup.Escape(text)}[/]";

    private static string RoomTag(MessageReceived m, SessionView? view) =>
        m.Room is { } room && (view is null || !view.IsCurrent(room)) ? $"[dim]{Markup.Escape($"[{room}]")}[/] " : string.Empty;

    private static string InRoom(string? room) => room is null ? string.Empty : $" {Markup.Escape(room)}";

    private static string Nick(string nick) => $"[{NickPalette.ColourFor(nick)}]{Markup.Escape(nick)}[/]";
}
