using System.Buffers;
using System.Text.Json;

using Parley.Core.Events;

namespace Parley.Protocols.Json;

/// <summary>
/// Frames a JSON-lines session writes to its own client, outside the hub's events: the welcome after
/// registration, pong, errors about the client's frames, and the seed's subscribe acknowledgements.
/// Each call writes one complete line, '\n' included.
/// </summary>
public static class JsonReplyWriter
{
    /// <summary>{"type":"welcome","version":1,"user":"alice","room":"#general"}; "room" is left out when null.</summary>
    public static void WriteWelcome(IBufferWriter<byte> output, string user, string? room)
    {
        ArgumentNullException.ThrowIfNull(user);
        var line = Begin(JsonWireNames.TypeWelcome, out var json);
        json.WriteNumber(JsonWireNames.Version, JsonProtocol.Version);
        json.WriteString(JsonWireNames.User, user);
        if (room is not null)
        {
            json.WriteString(JsonWireNames.Room, room);
        }

        End(line, output);
    }

    /// <summary>{"type":"pong"}</summary>
    public static void WritePong(IBufferWriter<byte> output) => End(Begin(JsonWireNames.TypePong, out _), output);

    /// <summary>{"type":"error","code":"bad-frame","text":"..."}; <paramref name="code"/> is one of <see cref="ErrorCodes"/>.</summary>
    public static void WriteError(IBufferWriter<byte> output, string code, string text)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(text);
        var line = Begin(JsonWireNames.TypeError, out var json);
        json.WriteString(JsonWireNames.Code, code);
        json.WriteString(JsonWireNames.Text, text);
        End(line, output);
    }

    /// <summary>The error for a frame the reader refused: "too-long" when oversize, "bad-frame" otherwise.</summary>
    public static void WriteFrameError(IBufferWriter<byte> output, in JsonFrame frame)
    {
        var code = frame.ErrorKind == JsonFrameErrorKind.Oversize ? ErrorCodes.TooLong : ErrorCodes.BadFrame;
        WriteError(output, code, frame.ErrorMessage ?? "Bad frame.");
    }

    /// <summary>{"type":"subscribed","client":"127.0.0.1:5000"}</summary>
    public static void WriteSubscribed(IBufferWriter<byte> output, string client) =>
        WriteClient(output, JsonWireNames.TypeSubscribed, client);

    /// <summary>{"type":"unsubscribed","client":"127.0.0.1:5000"}</summary>
    public static void WriteUnsubscribed(IBufferWriter<byte> output, string client) =>
        WriteClient(output, JsonWireNames.TypeUnsubscribed, client);

    private static void WriteClient(IBufferWriter<byte> output, JsonEncodedText type, string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var line = Begin(type, out var json);
        json.WriteString(JsonWireNames.Client, client);
        End(line, output);
    }

    private static JsonLineWriter Begin(JsonEncodedText type, out Utf8JsonWriter json)
    {
        var line = JsonLineWriter.Rent();
        json = line.Json;
        json.WriteStartObject();
        json.WriteString(JsonWireNames.Type, type);
        return line;
    }

    private static void End(JsonLineWriter line, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            line.Json.WriteEndObject();
            output.Write(line.Complete());
        }
        finally
        {
            line.Return();
        }
    }
}
