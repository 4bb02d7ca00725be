using System.Buffers;
using System.Text;

namespace Parley.Client.Connections;

/// <summary>
/// Encodes what this client sends in the text dialects (docs/client.md has the bytes). User text never carries its
/// own line break onto the wire: CR and LF become spaces, or a pasted line would be read as a second message.
/// </summary>
public static class TextLineWriter
{
    public static void WriteRegister(string name, IBufferWriter<byte> output) => WriteLine($"REGISTER {name} CHAT/1.0", output);

    public static void WriteMessage(string name, string text, IBufferWriter<byte> output) =>
        WriteLine($"@{name}: {text.ReplaceLineEndings(" ")}", output);

    public static void WriteDisconnect(string name, IBufferWriter<byte> output) => WriteLine($"DISCONNECT {name} CHAT/1.0", output);

    /// <summary>The answer to NICK: the bare nickname, as seed 003's client sends it, or a line when the prompt was one.</summary>
    public static void WriteNick(string name, bool framed, IBufferWriter<byte> output) => Write(name, framed, output);

    /// <summary>A prompted-dialect message, <c>nick: text</c>: unframed (one message per write) or a line.</summary>
    public static void WritePromptedMessage(string name, string text, bool framed, IBufferWriter<byte> output) =>
        Write($"{name}: {text.ReplaceLineEndings(" ")}", framed, output);

    private static void WriteLine(string line, IBufferWriter<byte> output) => Write(line, framed: true, output);

    private static void Write(string text, bool framed, IBufferWriter<byte> output)
    {
        Encoding.UTF8.GetBytes(text, output);
        if (framed)
        {
            output.Write("\n"u8);
        }
    }
}
