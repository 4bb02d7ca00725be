using Parley.Core.Hub;
using Parley.Protocols.Text;

namespace Parley.Client.Connections;

/// <summary>
/// Turns one server line of a text dialect into a <see cref="ClientEvent"/>: <c>@bob: hi</c> in the registration
/// dialect (seed 002), <c>bob: hi</c> in the prompted one (seed 003). Anything not recognised is a notice, so a
/// server that adds new lines never breaks the client.
/// </summary>
public static class TextLineParser
{
    public const string ShutdownLine = "DISCONNECT CHAT/1.0";
    private const string PrivateSuffix = " (private)";
    private const string ErrorPrefix = "error: ";
    private const string JoinedSuffix = " joined!";
    private const string OwnRenamePrefix = "NICKNAME CHANGED TO ";
    private const string RenameInfix = " is now known as ";

    // Parley says "bob left"; seed 003's server.py says "bob left!".
    private static readonly string[] LeftSuffixes = [" left", " left!"];

    public static ClientEvent Parse(string line) => Parse(line, TextDialect.Registered);

    public static ClientEvent Parse(string line, TextDialect dialect) => Parse(line, dialect, ownName: null);

    /// <param name="ownName">This client's nickname: the renamed client's own copy of a rename
    /// (<c>NICKNAME CHANGED TO new</c>) does not say the old name, so it becomes a rename of this one.</param>
    public static ClientEvent Parse(string line, TextDialect dialect, string? ownName)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (IsShutdownNotice(line))
        {
            // DISCONNECT is protocol, not words for the user; a sentence is kept (Detail drops Parley's standard one).
            return new ServerShuttingDown(line.AsSpan().Trim().Equals(ShutdownLine, StringComparison.OrdinalIgnoreCase) ? null : line);
        }

        // Before messages: "error" is a valid nickname, but a server's refusal is the likelier reading.
        if (line.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            return new ErrorReceived(line[ErrorPrefix.Length..]);
        }

        if (dialect == TextDialect.Registered && line.StartsWith('@') && TryParseMessage(line[1..], strict: false, out var registered))
        {
            return registered;
        }

        if (dialect == TextDialect.Prompted && TryParseMessage(line, strict: true, out var prompted))
        {
            return prompted;
        }

        // Membership lines are "<nick> joined!" / "<nick> left" with a valid nick, so a notice such as
        // "Nobody left" only matches when its first word could really be a nickname.
        if (TryStripSuffix(line, JoinedSuffix, out var joined))
        {
            return new MemberJoined(joined);
        }

        if (TryParseRename(line, ownName, out var renamed))
        {
            return renamed;
        }

        foreach (var suffix in LeftSuffixes)
        {
            if (TryStripSuffix(line, suffix, out var left))
            {
                return new MemberLeft(left);
            }
        }

        return new NoticeReceived(line);
    }

    /// <summary>
    /// The server leaving: the registration dialect's <c>DISCONNECT CHAT/1.0</c>, or a line in the style of
    /// Parley's prompted-dialect <c>Server is shutting down.</c> (seed servers word it their own way).
    /// </summary>
    public static bool IsShutdownNotice(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.AsSpan().Trim();
        return trimmed.Equals(ShutdownLine, StringComparison.OrdinalIgnoreCase)
            || (trimmed.StartsWith("server ", StringComparison.OrdinalIgnoreCase)
                && (trimmed.Contains("shutting down", StringComparison.OrdinalIgnoreCase) || trimmed.Contains("shut down", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// "nick: text" or "nick (private): text", the '@' already removed. Without an '@' to mark it (<paramref name="strict"/>),
    /// only a valid nickname makes a message, so "Weather for Kansas City: ..." stays a notice.
    /// </summary>
    private static bool TryParseMessage(string line, bool strict, out MessageReceived message)
    {
        message = null!;
        int separator = line.IndexOf(": ", StringComparison.Ordinal);
        if (separator < 1)
        {
            return false;
        }

        var from = line[..separator];
        bool isPrivate = from.EndsWith(PrivateSuffix, StringComparison.Ordinal);
        if (isPrivate)
        {
            from = from[..^PrivateSuffix.Length];
        }

        if (strict ? !NicknameRules.IsValid(from, maxLength: 64) : from.Length == 0 || from.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        message = new MessageReceived(from, line[(separator + 2)..], isPrivate);
        return true;
    }

    // "old is now known as new" (anyone), "NICKNAME CHANGED TO new" (this client, when its name is known).
    private static bool TryParseRename(string line, string? ownName, out MemberRenamed renamed)
    {
        renamed = null!;
        if (ownName is { Length: > 0 } && line.StartsWith(OwnRenamePrefix, StringComparison.Ordinal))
        {
            var newNick = line[OwnRenamePrefix.Length..];
            if (NicknameRules.IsValid(newNick, maxLength: 64))
            {
                renamed = new MemberRenamed(ownName, newNick);
                return true;
            }
        }

        int infix = line.IndexOf(RenameInfix, StringComparison.Ordinal);
        if (infix < 1)
        {
            return false;
        }

        var oldNick = line[..infix];
        var nextNick = line[(infix + RenameInfix.Length)..];
        if (!NicknameRules.IsValid(oldNick, maxLength: 64) || !NicknameRules.IsValid(nextNick, maxLength: 64))
        {
            return false;
        }

        renamed = new MemberRenamed(oldNick, nextNick);
        return true;
    }

    private static bool TryStripSuffix(string line, string suffix, out string nick)
    {
        nick = string.Empty;
        if (!line.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = line[..^suffix.Length];
        if (!NicknameRules.IsValid(candidate, maxLength: 64))
        {
            return false;
        }

        nick = candidate;
        return true;
    }
}
