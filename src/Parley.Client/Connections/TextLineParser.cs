using Parley.Core.Hub;

namespace Parley.Client.Connections;

/// <summary>
/// Turns one server line of the text (REGISTER) dialect into a <see cref="ClientEvent"/>. Anything not
/// recognised is a notice, so a server that adds new lines never breaks the client.
/// </summary>
public static class TextLineParser
{
    public const string ShutdownLine = "DISCONNECT CHAT/1.0";
    private const string PrivateSuffix = " (private)";
    private const string ErrorPrefix = "error: ";
    private const string JoinedSuffix = " joined!";
    private const string LeftSuffix = " left";

    public static ClientEvent Parse(string line)
    {
        if (line == ShutdownLine)
        {
            return new ServerShuttingDown();
        }

        if (line.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            return new ErrorReceived(line[ErrorPrefix.Length..]);
        }

        if (line.StartsWith('@') && TryParseMessage(line, out var message))
        {
            return message;
        }

        // Membership lines are "<nick> joined!" / "<nick> left" with a valid nick, so a notice such as
        // "Nobody left" only matches when its first word could really be a nickname.
        if (TryStripSuffix(line, JoinedSuffix, out var joined))
        {
            return new MemberJoined(joined);
        }

        if (TryStripSuffix(line, LeftSuffix, out var left))
        {
            return new MemberLeft(left);
        }

        return new NoticeReceived(line);
    }

    private static bool TryParseMessage(string line, out MessageReceived message)
    {
        message = null!;
        int separator = line.IndexOf(": ", StringComparison.Ordinal);
        if (separator < 2)
        {
            return false;
        }

        var from = line[1..separator];
        bool isPrivate = from.EndsWith(PrivateSuffix, StringComparison.Ordinal);
        if (isPrivate)
        {
            from = from[..^PrivateSuffix.Length];
        }

        if (from.Length == 0 || from.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        message = new MessageReceived(from, line[(separator + 2)..], isPrivate);
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
