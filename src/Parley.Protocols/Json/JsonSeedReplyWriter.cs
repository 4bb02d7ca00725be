using System.Buffers;

namespace Parley.Protocols.Json;

/// <summary>
/// The subscribe acknowledgements for seed-style connections, message-shaped like every frame they get:
/// <c>{"seq":0,"user":"server","message":"subscribed 127.0.0.1:5000","type":"subscribed","client":"127.0.0.1:5000"}</c>.
/// The typed keys of <see cref="JsonReplyWriter"/>'s form are all there too.
/// </summary>
public static class JsonSeedReplyWriter
{
    public static void WriteSubscribed(IBufferWriter<byte> output, string client) =>
        Write(output, "subscribed ", JsonWireNames.TypeSubscribed, client);

    public static void WriteUnsubscribed(IBufferWriter<byte> output, string client) =>
        Write(output, "unsubscribed ", JsonWireNames.TypeUnsubscribed, client);

    private static void Write(IBufferWriter<byte> output, string verb, System.Text.Json.JsonEncodedText type, string client)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(client);
        var line = JsonLineWriter.Rent();
        try
        {
            var json = line.Json;
            json.WriteStartObject();
            json.WriteNumber(JsonWireNames.Seq, 0);
            json.WriteString(JsonWireNames.User, JsonWireNames.ServerUser);
            json.WriteString(JsonWireNames.Message, verb + client);
            json.WriteString(JsonWireNames.Type, type);
            json.WriteString(JsonWireNames.Client, client);
            json.WriteEndObject();
            output.Write(line.Complete());
        }
        finally
        {
            line.Return();
        }
    }
}
