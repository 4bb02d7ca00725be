using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Parley.Protocols.Json;

/// <summary>Turns one complete JSON object from a server or a peer into a <see cref="ServerFrame"/>, leniently.</summary>
internal static class ServerFrameParser
{
    public static ServerFrame Parse(in ReadOnlySequence<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock: true, state: default);
        reader.Read();
        string? type = null, user = null, message = null, room = null, to = null, reason = null;
        string? kind = null, text = null, code = null, client = null, time = null;
        long? seq = null, id = null, version = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Ordinal on the unescaped name: the client reads few frames, so a string per key is affordable here.
            var name = JsonValueReader.GetNameOrNull(ref reader);
            reader.Read();
            switch (name)
            {
                case "type": ReadString(ref reader, ref type); break;
                case "user": ReadString(ref reader, ref user); break;
                case "message": ReadString(ref reader, ref message); break;
                case "room": ReadString(ref reader, ref room); break;
                case "to": ReadString(ref reader, ref to); break;
                case "reason": ReadString(ref reader, ref reason); break;
                case "kind": ReadString(ref reader, ref kind); break;
                case "text": ReadString(ref reader, ref text); break;
                case "code": ReadString(ref reader, ref code); break;
                case "client": ReadString(ref reader, ref client); break;
                case "time": ReadString(ref reader, ref time); break;
                case "seq": ReadInt64(ref reader, ref seq); break;
                case "id": ReadInt64(ref reader, ref id); break;
                case "version": ReadInt64(ref reader, ref version); break;
                default: reader.Skip(); break;
            }
        }

        var frameType = ToType(type, message);
        return new ServerFrame
        {
            Type = frameType,
            TypeName = frameType == ServerFrameType.Unknown ? type : null,
            Seq = seq,
            User = user,
            Message = message,
            Room = room,
            To = to,
            Id = id,
            Time = DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null,
            Reason = reason,
            Kind = kind,
            Text = text,
            Code = code,
            Client = client,
            Version = version,
        };
    }

    private static ServerFrameType ToType(string? type, string? message) => type switch
    {
        null => message is null ? ServerFrameType.Unknown : ServerFrameType.Message,
        "message" => ServerFrameType.Message,
        "direct" => ServerFrameType.Direct,
        "joined" => ServerFrameType.Joined,
        "left" => ServerFrameType.Left,
        "notice" => ServerFrameType.Notice,
        "error" => ServerFrameType.Error,
        "shutdown" => ServerFrameType.Shutdown,
        "welcome" => ServerFrameType.Welcome,
        "pong" => ServerFrameType.Pong,
        "subscribed" => ServerFrameType.Subscribed,
        "unsubscribed" => ServerFrameType.Unsubscribed,
        _ => ServerFrameType.Unknown,
    };

    private static void ReadString(ref Utf8JsonReader reader, ref string? value)
    {
        if (JsonValueReader.ReadString(ref reader, out var text) == JsonValueReader.Outcome.Value)
        {
            value = text;
        }
    }

    private static void ReadInt64(ref Utf8JsonReader reader, ref long? value)
    {
        if (JsonValueReader.ReadInt64(ref reader, out var number) == JsonValueReader.Outcome.Value)
        {
            value = number;
        }
    }
}
