using Parley.Client.Connections;

using Spectre.Console;

namespace Parley.Client.Terminal;

/// <summary>Spectre markup for the interactive view: <c>HH:mm</c> stamp, a colour per sender, notices dimmed, errors red.</summary>
public static class EventMarkup
{
    public static string For(ClientEvent clientEvent, DateTimeOffset now)
    {
        var stamp = $"[grey]{now:HH:mm}[/]";
        return clientEvent switch
        {
            MessageReceived m => $"{stamp} {Nick(m.From)}{(m.IsPrivate ? " [italic](private)[/]" : string.Empty)}: {Markup.Escape(m.Text)}",
            MemberJoined j => $"{stamp} [dim]* {Markup.Escape(j.Nick)} joined[/]",
            MemberLeft l => $"{stamp} [dim]* {Markup.Escape(l.Nick)} left[/]",
            NoticeReceived n => $"{stamp} [dim]{Markup.Escape(n.Text)}[/]",
            ErrorReceived e => $"{stamp} [red]error: {Markup.Escape(e.Text)}[/]",
            ServerShuttingDown => $"{stamp} [yellow]Server is shutting down.[/]",
            ConnectionLost c => $"{stamp} [red]Connection to the server was lost ({Markup.Escape(c.Reason)}).[/]",
            _ => $"{stamp} {Markup.Escape(clientEvent.ToString() ?? string.Empty)}",
        };
    }

    /// <summary>What the user just sent; the server does not echo a message back to its sender.</summary>
    public static string Own(string name, string text, DateTimeOffset now) =>
        $"[grey]{now:HH:mm}[/] [bold]{Nick(name)}[/]: {Markup.Escape(text)}";

    private static string Nick(string nick) => $"[{NickPalette.ColourFor(nick)}]{Markup.Escape(nick)}[/]";
}
