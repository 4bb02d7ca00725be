using System.Buffers;
using System.Text;

namespace Parley.Client.Connections;

/// <summary>
/// Encodes what this client sends in the text (REGISTER) dialect. User text never carries its own line
/// break onto the wire: CR and LF become spaces, or a pasted line would be read as a second message.
/// </summary>
public static class TextLineWriter
{
    public static void WriteRegister(string name, IBufferWriter<byte> output) => WriteLine($"REGISTER {name} CHAT/1.0", output);

    public static void WriteMessage(string name, string text, IBufferWriter<byte> output) =>
        WriteLine($"@{name}: {text.ReplaceLineEndings(" ")}", output);

    public static void WriteDisconnect(string name, IBufferWriter<byte> output) => WriteLine($"DISCONNECT {name} CHAT/1.0", output);

    private static void WriteLine(string line, IBufferWriter<byte> output)
    {
        Encoding.UTF8.GetBytes(line, output);
        output.Write("\n"u8);
    }
}
