using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// Client → server frames of the native JSON protocol (docs/protocol-json.md), one compact object plus '\n'
/// per call, with "type" first. Non-ASCII text goes out as UTF-8, as the server writes it. The client sends a
/// frame per typed line, so a writer per call is cheap enough and keeps this free of shared state.
/// </summary>
public static class JsonRequestWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // {"type":"hello","user":"alice","version":1}
    public static void WriteHello(IBufferWriter<byte> output, string user) =>
        Write(output, "hello", json =>
        {
            json.WriteString("user", user);
            json.WriteNumber("version", JsonProtocol.Version);
        });

    // {"type":"message","message":"hi"}; no room: the server uses this client's current room.
    public static void WriteMessage(IBufferWriter<byte> output, string message) =>
        Write(output, "message", json => json.WriteString("message", message));

    // {"type":"msg","to":"bob","message":"hi"}
    public static void WriteDirect(IBufferWriter<byte> output, string to, string message) =>
        Write(output, "msg", json =>
        {
            json.WriteString("to", to);
            json.WriteString("message", message);
        });

    // {"type":"join","room":"#x"}
    public static void WriteJoin(IBufferWriter<byte> output, string room) =>
        Write(output, "join", json => json.WriteString("room", room));

    // {"type":"part"} or {"type":"part","room":"#x"}; likewise "who".
    public static void WriteRoomRequest(IBufferWriter<byte> output, string type, string? room) =>
        Write(output, type, json =>
        {
            if (room is not null)
            {
                json.WriteString("room", room);
            }
        });

    // {"type":"weather"} or {"type":"weather","place":"Paris"}
    public static void WriteWeather(IBufferWriter<byte> output, string? place) =>
        Write(output, "weather", json =>
        {
            if (place is not null)
            {
                json.WriteString("place", place);
            }
        });

    // {"type":"rooms"}, {"type":"quit"}, {"type":"ping"}
    public static void WriteBare(IBufferWriter<byte> output, string type) => Write(output, type, static _ => { });

    private static void Write(IBufferWriter<byte> output, string type, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            body(json);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
