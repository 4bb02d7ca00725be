using System.Text.Json;

using Parley.Core.Events;

namespace Parley.Protocols.Json;

/// <summary>
/// Events for seed-style JSON connections (clients that never said hello): every frame is message-shaped, so a
/// naive seed client that prints <c>msg["user"]</c> and <c>msg["message"]</c> can show all of them. Chat and
/// direct messages are the native bytes (shared with <see cref="JsonEventEncoder"/>'s cache); everything else is
/// <c>{"seq":0,"user":"server","message":TEXT,"type":...,...,"time":...}</c>. Server frames always carry seq 0:
/// they are not anyone's numbered messages. Notices, errors and the shutdown also repeat the text as "text", so
/// a reader of the typed frames understands them too.
/// </summary>
public sealed class JsonSeedEventEncoder : IEventEncoder
{
    private static readonly WireFormat SeedFormat = WireFormat.Register("json-seed");

    public static JsonSeedEventEncoder Instance { get; } = new();

    public WireFormat Format => SeedFormat;

    public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        // History pages answer a request the client made, so they come in the typed form; replayed messages and
        // the retention notice are left out: a seed client cannot tell them from live chat.
        if (chatEvent is MessagePosted or DirectMessageSent or NoticeMessage or HistoryPage)
        {
            return chatEvent.GetEncoded(JsonEventEncoder.Instance);
        }

        var line = JsonLineWriter.Rent();
        try
        {
            var json = line.Json;
            json.WriteStartObject();
            if (!WriteFields(json, chatEvent))
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            JsonEventEncoder.WriteTime(json, chatEvent.Time);
            json.WriteEndObject();
            return line.Complete().ToArray();
        }
        finally
        {
            line.Return();
        }
    }

    private static bool WriteFields(Utf8JsonWriter json, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case MemberJoined j:
                Head(json, $"{j.Nick} joined {j.Room}", JsonWireNames.TypeJoined);
                json.WriteString(JsonWireNames.Room, j.Room);
                return true;
            case MemberLeft l:
                Head(json, $"{l.Nick} left {l.Room} ({l.Reason})", JsonWireNames.TypeLeft);
                json.WriteString(JsonWireNames.Room, l.Room);
                json.WriteString(JsonWireNames.Reason, l.Reason);
                return true;
            case MemberRenamed r:
                Head(json, $"{r.OldNick} is now known as {r.NewNick}", JsonWireNames.TypeRenamed);
                return true;
            case Notice { Kind: NoticeKind.History }:
                return false;
            case TopicChanged t:
                Head(json, $"{t.Nick} set the topic of {t.Room}: {t.Topic}", JsonWireNames.TypeTopic);
                json.WriteString(JsonWireNames.Room, t.Room);
                json.WriteString(JsonWireNames.Text, t.Topic);
                return true;
            case MemberKicked k:
                Head(json, $"{k.Nick} left {k.Room} ({JsonEventEncoder.KickReason(k)})", JsonWireNames.TypeLeft);
                json.WriteString(JsonWireNames.Room, k.Room);
                json.WriteString(JsonWireNames.Reason, JsonEventEncoder.KickReason(k));
                return true;
            case Notice n:
                Head(json, n.Text, JsonWireNames.TypeNotice);
                json.WriteString(JsonWireNames.Kind, JsonWireNames.NoticeKindName(n.Kind));
                json.WriteString(JsonWireNames.Text, n.Text);
                return true;
            case ErrorNotice e:
                Head(json, e.Text, JsonWireNames.TypeError);
                json.WriteString(JsonWireNames.Code, e.Code);
                json.WriteString(JsonWireNames.Text, e.Text);
                return true;
            case ServerShutdown s:
                Head(json, s.Text, JsonWireNames.TypeShutdown);
                json.WriteString(JsonWireNames.Text, s.Text);
                return true;
            default:
                return false;
        }
    }

    private static void Head(Utf8JsonWriter json, string message, JsonEncodedText type)
    {
        json.WriteNumber(JsonWireNames.Seq, 0);
        json.WriteString(JsonWireNames.User, JsonWireNames.ServerUser);
        json.WriteString(JsonWireNames.Message, message);
        json.WriteString(JsonWireNames.Type, type);
    }
}
