using System.Globalization;

namespace Parley.Core.History;

/// <summary>How stored messages read as text: "[2026-11-28 21:05:03] alice: hi" (UTC), for answers and replays.</summary>
public static class HistoryText
{
    /// <summary>The time prefix, with its trailing space.</summary>
    public static string Prefix(DateTimeOffset time) =>
        time.UtcDateTime.ToString("'['yyyy-MM-dd HH:mm:ss'] '", CultureInfo.InvariantCulture);

    /// <summary>One message on one line; <paramref name="withPlace"/> names its room or "(private to bob)".</summary>
    public static string Line(HistoryEntry entry, bool withPlace)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var place = !withPlace ? string.Empty : entry.Room is { } room ? room + " " : string.Empty;
        var direct = entry.Recipient is { } to ? $" (private to {to})" : string.Empty;
        return Prefix(entry.Time) + place + entry.Sender + direct + ": " + OneLine(entry.Text);
    }

    private static string OneLine(string text) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
            : text;
}
