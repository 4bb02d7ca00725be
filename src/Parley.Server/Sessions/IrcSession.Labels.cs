using System.Buffers;
using System.Globalization;

using Parley.Core.Events;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

/// <summary>
/// IRCv3 labeled-response: while a command with a <c>label</c> tag runs, everything this client would be sent in
/// answer (replies, its echo, the events its own command caused here) is held back, then sent labeled: one line gets
/// the label, several go in a <c>labeled-response</c> batch, none becomes <c>ACK</c>. Held under
/// <see cref="_labelGate"/>, because hub events arrive on any thread; the held lines are sent under it too, so an
/// event that arrives just after the command cannot overtake its answer.
/// </summary>
public sealed partial class IrcSession
{
    private readonly Lock _labelGate = new();
    private ArrayBufferWriter<byte>? _held;
    private string? _label;
    private int _batches;
    private volatile bool _labeledResponse;

    // Read without the lock by TryDeliver, so that fan-out to a client with no labeled command running takes no lock.
    private volatile bool _holding;
    private volatile bool _batch;

    // The held answer is one batch of its own (CHATHISTORY) whose opening line has the label already; events held
    // meanwhile go out as they are.
    private bool _heldIsOneBatch;

    /// <summary>Starts holding this client's output when <paramref name="message"/> carries a label it may use.</summary>
    private void BeginLabel(IrcMessage? message)
    {
        if (!_labeledResponse || TagValue(message?.Tags, "label") is not { Length: > 0 } label)
        {
            return;
        }

        lock (_labelGate)
        {
            _label = label;
            _held = new ArrayBufferWriter<byte>(256);
            _holding = true;
        }
    }

    /// <summary>Adds <paramref name="lines"/> to the held answer; false when no labeled command is running.</summary>
    private bool TryHold(ReadOnlySpan<byte> lines)
    {
        lock (_labelGate)
        {
            if (_held is null)
            {
                return false;
            }

            _held.Write(lines);
            return true;
        }
    }

    /// <summary>Sends the held answer, labeled; the command is over.</summary>
    private void EndLabel()
    {
        lock (_labelGate)
        {
            if (_held is not { } held || _label is not { } label)
            {
                return;
            }

            _held = null;
            _label = null;
            _holding = false;
            var oneBatch = _heldIsOneBatch;
            _heldIsOneBatch = false;
            var lines = SplitLines(held.WrittenMemory);
            var output = new ArrayBufferWriter<byte>(held.WrittenCount + 128);
            if (lines.Count == 0)
            {
                IrcWriter.Write(output, "label=" + label, ServerName, "ACK", []);
            }
            else if (lines.Count == 1)
            {
                WithTag(output, lines[0].Span, "label=" + label);
            }
            else if (oneBatch)
            {
                output.Write(held.WrittenSpan);
            }
            else if (!_batch)
            {
                // Without batch the client cannot tell which lines answer it, so none is labeled.
                output.Write(held.WrittenSpan);
            }
            else
            {
                var id = "L" + (++_batches).ToString(CultureInfo.InvariantCulture);
                IrcWriter.Write(output, "label=" + label, ServerName, "BATCH", ["+" + id, "labeled-response"]);
                foreach (var line in lines)
                {
                    WithTag(output, line.Span, "batch=" + id);
                }

                IrcWriter.Write(output, null, ServerName, "BATCH", ["-" + id]);
            }

            _connection.Send(output.WrittenMemory);
        }
    }

    /// <summary>Whether an event delivered to this client answers its running command: everything but a message
    /// addressed to it (a PRIVMSG to oneself arrives once as a message and once as the labeled echo).</summary>
    private static bool IsAnswer(ChatEvent chatEvent, string? me) => chatEvent switch
    {
        DirectMessageSent d => !Same(d.Recipient, me),
        NoticeMessage { Recipient: { } r } => !Same(r, me),
        TagMessage { Recipient: { } r } => !Same(r, me),
        _ => true,
    };

    private static bool Same(string nick, string? me) => me is not null && Core.Hub.NicknameRules.Comparer.Equals(nick, me);

    /// <summary>The value of tag <paramref name="name"/> in a line's raw tags, as written; null when absent.</summary>
    private static string? TagValue(string? tags, string name)
    {
        if (tags is null)
        {
            return null;
        }

        foreach (var tag in tags.Split(';'))
        {
            if (tag.StartsWith(name, StringComparison.Ordinal) && tag.Length > name.Length && tag[name.Length] == '=')
            {
                return tag[(name.Length + 1)..];
            }
        }

        return null;
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> bytes)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        while (!bytes.IsEmpty)
        {
            var end = bytes.Span.IndexOf((byte)'\n');
            var length = end < 0 ? bytes.Length : end + 1;
            lines.Add(bytes[..length]);
            bytes = bytes[length..];
        }

        return lines;
    }

    /// <summary>Writes <paramref name="line"/> with <paramref name="tag"/> first among its tags.</summary>
    private static void WithTag(IBufferWriter<byte> output, ReadOnlySpan<byte> line, string tag)
    {
        output.Write("@"u8);
        output.Write(System.Text.Encoding.UTF8.GetBytes(tag));
        if (!line.IsEmpty && line[0] == (byte)'@')
        {
            output.Write(";"u8);
            output.Write(line[1..]);
        }
        else
        {
            output.Write(" "u8);
            output.Write(line);
        }
    }
}
