using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>
/// The script-mode stdout format: one line per event, no colour, no timestamp, stable for other programs
/// to parse (documented in docs/client.md).
/// </summary>
public static class ScriptEventFormatter
{
    public const string ShutdownLine = "* Server is shutting down.";

    public static string Format(ClientEvent clientEvent) => clientEvent switch
    {
        MessageReceived { IsPrivate: true } m => $"{m.From} (private): {m.Text}",
        MessageReceived { Room: { } room } m => $"{m.From} [{room}]: {m.Text}",
        MessageReceived m => $"{m.From}: {m.Text}",
        MemberJoined j => $"* {j.Nick} joined",
        MemberLeft l => $"* {l.Nick} left",
        NoticeReceived n => n.Text,
        ErrorReceived e => $"error: {e.Text}",
        ServerShuttingDown => ShutdownLine,
        ConnectionLost => "* Connection to the server was lost.",
        _ => clientEvent.ToString() ?? string.Empty,
    };
}
