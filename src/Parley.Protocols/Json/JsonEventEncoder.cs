using System.Globalization;
using System.Text.Json;

using Parley.Core.Events;
using Parley.Core.History;

namespace Parley.Protocols.Json;

/// <summary>
/// Encodes hub events as JSON lines (server → client). The result is an exact-size array because
/// <see cref="ChatEvent.GetEncoded"/> caches it and hands the same bytes to every JSON recipient.
/// Messages start with "seq", "user", "message" in that order: seed clients print values by position.
/// </summary>
public sealed class JsonEventEncoder : IEventEncoder
{
    private static readonly WireFormat JsonFormat = WireFormat.Register("json");

    /// <summary>Stateless; share this one. Every instance reports the same <see cref="Format"/> anyway.</summary>
    public static JsonEventEncoder Instance { get; } = new();

    public WireFormat Format => JsonFormat;

    public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        var line = JsonLineWriter.Rent();
        try
        {
            var json = line.Json;
            json.WriteStartObject();
            if (!WriteFields(json, chatEvent))
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            WriteTime(json, chatEvent.Time);
            json.WriteEndObject();
            return line.Complete().ToArray();
        }
        finally
        {
            line.Return();
        }
    }

    /// <summary>Writes "time" with exactly three fraction digits and an explicit offset, e.g. 2026-11-22T01:02:03.456+00:00.</summary>
    internal static void WriteTime(Utf8JsonWriter json, DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[40];
        time.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        json.WriteString(JsonWireNames.Time, text[..written]);
    }

    private static bool WriteFields(Utf8JsonWriter json, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case MessagePosted m:
                WriteMessageHead(json, m.Seq, m.Sender, m.Text);
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeMessage);
                json.WriteString(JsonWireNames.Room, m.Room);
                json.WriteNumber(JsonWireNames.Id, m.Id);
                return true;
            case DirectMessageSent d:
                WriteMessageHead(json, d.Seq, d.Sender, d.Text);
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeDirect);
                json.WriteString(JsonWireNames.To, d.Recipient);
                json.WriteNumber(JsonWireNames.Id, d.Id);
                return true;
            case HistoryMessage h:
                WriteEntryFields(json, h.Entry);
                return true;
            case HistoryPage p:
                WritePage(json, p);
                return true;
            case MemberJoined j:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeJoined);
                json.WriteString(JsonWireNames.Room, j.Room);
                json.WriteString(JsonWireNames.User, j.Nick);
                return true;
            case MemberLeft l:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeLeft);
                json.WriteString(JsonWireNames.Room, l.Room);
                json.WriteString(JsonWireNames.User, l.Nick);
                json.WriteString(JsonWireNames.Reason, l.Reason);
                return true;
            case Notice n:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeNotice);
                json.WriteString(JsonWireNames.Kind, JsonWireNames.NoticeKindName(n.Kind));
                json.WriteString(JsonWireNames.Text, n.Text);
                return true;
            case ErrorNotice e:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeError);
                json.WriteString(JsonWireNames.Code, e.Code);
                json.WriteString(JsonWireNames.Text, e.Text);
                return true;
            case ServerShutdown s:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeShutdown);
                json.WriteString(JsonWireNames.Text, s.Text);
                return true;
            case MemberRenamed r:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeRenamed);
                json.WriteString(JsonWireNames.User, r.OldNick);
                json.WriteString(JsonWireNames.To, r.NewNick);
                return true;
            default:
                return WriteChannelFields(json, chatEvent);
        }
    }

    /// <summary>Events from channel operations and notices (IRC's, seen by JSON users too).</summary>
    private static bool WriteChannelFields(Utf8JsonWriter json, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case NoticeMessage n:
                WriteMessageHead(json, 0, n.Sender, n.Text);
                json.WriteString(JsonWireNames.Type, n.Room is null ? JsonWireNames.TypeDirect : JsonWireNames.TypeMessage);
                if (n.Room is null)
                {
                    json.WriteString(JsonWireNames.To, n.Recipient);
                }
                else
                {
                    json.WriteString(JsonWireNames.Room, n.Room);
                }

                json.WriteBoolean(JsonWireNames.Notice, true);
                return true;
            case TopicChanged t:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeTopic);
                json.WriteString(JsonWireNames.Room, t.Room);
                json.WriteString(JsonWireNames.User, t.Nick);
                json.WriteString(JsonWireNames.Text, t.Topic);
                return true;
            case MemberKicked k:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeLeft);
                json.WriteString(JsonWireNames.Room, k.Room);
                json.WriteString(JsonWireNames.User, k.Nick);
                json.WriteString(JsonWireNames.Reason, KickReason(k));
                json.WriteString(JsonWireNames.By, k.By);
                return true;
            case RoomModeChanged c:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeMode);
                json.WriteString(JsonWireNames.Room, c.Room);
                json.WriteString(JsonWireNames.User, c.By);
                json.WriteString(JsonWireNames.Text, c.Modes);
                return true;
            case MemberInvited i:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeInvited);
                json.WriteString(JsonWireNames.Room, i.Room);
                json.WriteString(JsonWireNames.User, i.By);
                return true;
            case AwayChanged a:
                json.WriteString(JsonWireNames.Type, JsonWireNames.TypeAway);
                json.WriteString(JsonWireNames.User, a.Nick);
                if (a.Message is not null)
                {
                    json.WriteString(JsonWireNames.Text, a.Message);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A stored message: the live frame's fields in the same order, then "history":true (the caller
    /// writes "time", the original one).</summary>
    private static void WriteEntryFields(Utf8JsonWriter json, HistoryEntry entry)
    {
        WriteMessageHead(json, entry.Seq, entry.Sender, entry.Text);
        if (entry.Room is { } room)
        {
            json.WriteString(JsonWireNames.Type, JsonWireNames.TypeMessage);
            json.WriteString(JsonWireNames.Room, room);
        }
        else
        {
            json.WriteString(JsonWireNames.Type, JsonWireNames.TypeDirect);
            json.WriteString(JsonWireNames.To, entry.Recipient);
        }

        json.WriteNumber(JsonWireNames.Id, entry.Id);
        json.WriteBoolean(JsonWireNames.History, true);
    }

    private static void WritePage(Utf8JsonWriter json, HistoryPage page)
    {
        json.WriteString(JsonWireNames.Type, page.IsSearch ? JsonWireNames.TypeSearch : JsonWireNames.TypeHistory);
        if (page.Room is { } room)
        {
            json.WriteString(JsonWireNames.Room, room);
        }

        if (page.With is { } with)
        {
            json.WriteString(JsonWireNames.With, with);
        }

        if (page.Query is { } query)
        {
            json.WriteString(JsonWireNames.Query, query);
        }

        json.WriteStartArray(JsonWireNames.Messages);
        foreach (var entry in page.Entries)
        {
            json.WriteStartObject();
            WriteEntryFields(json, entry);
            WriteTime(json, entry.Time);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean(JsonWireNames.More, page.More);
    }

    /// <summary>The "reason" of a kick seen as a departure: <c>kicked by alice: spam</c>.</summary>
    internal static string KickReason(MemberKicked kicked) => "kicked by " + kicked.By + ": " + kicked.Reason;

    internal static void WriteMessageHead(Utf8JsonWriter json, long seq, string user, string message)
    {
        json.WriteNumber(JsonWireNames.Seq, seq);
        json.WriteString(JsonWireNames.User, user);
        json.WriteString(JsonWireNames.Message, message);
    }
}
