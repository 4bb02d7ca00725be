using System.Buffers;
using System.Text;

namespace Parley.Protocols.Text;

/// <summary>
/// Reads "\n" or "\r\n" terminated lines of at most <see cref="MaxLineBytes"/> bytes (terminator excluded).
/// A longer line is reported once as <see cref="TextFrame.TooLong"/> and its bytes are skipped up to the next
/// newline, so one oversize message never desynchronises the stream.
/// For unframed clients, <see cref="TakeBurst"/> takes whatever is buffered as one message once the
/// caller has seen the pause that ends a burst.
/// </summary>
public sealed class TextLineReader(int maxLineBytes) : IMessageReader<TextFrame>
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private bool _discarding;

    public int MaxLineBytes { get; } = maxLineBytes;

    public bool TryParse(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out TextFrame frame)
    {
        var reader = new SequenceReader<byte>(input);
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
            {
                examined = input.End;
                if (reader.Remaining > MaxLineBytes + 1)
                {
                    // Too long already: drop what we have and say so once; keep dropping until a newline.
                    consumed = input.End;
                    if (!_discarding)
                    {
                        _discarding = true;
                        frame = new TextFrame(string.Empty, TextFraming.Lf, TooLong: true);
                        return true;
                    }
                }

                frame = default;
                return false;
            }

            consumed = reader.Position;
            examined = consumed;
            if (_discarding)
            {
                _discarding = false;
                continue;
            }

            var framing = TextFraming.Lf;
            if (line.Length > 0 && EndsWithCr(line))
            {
                line = line.Slice(0, line.Length - 1);
                framing = TextFraming.CrLf;
            }

            frame = line.Length > MaxLineBytes
                ? new TextFrame(string.Empty, framing, TooLong: true)
                : new TextFrame(Utf8.GetString(line), framing, TooLong: false);
            return true;
        }
    }

    /// <summary>Takes everything buffered as one unframed message (a trailing "\r\n" or "\n" is dropped).</summary>
    public TextFrame TakeBurst(in ReadOnlySequence<byte> input)
    {
        if (_discarding)
        {
            // The oversize burst was already reported by TryParse; its tail is dropped silently.
            _discarding = false;
            return new TextFrame(string.Empty, TextFraming.Unframed, TooLong: false);
        }

        // The limit excludes the terminator, as for lines.
        var burst = input;
        while (!burst.IsEmpty && IsTerminatorByte(burst.Slice(burst.Length - 1).FirstSpan[0]))
        {
            burst = burst.Slice(0, burst.Length - 1);
        }

        if (burst.Length > MaxLineBytes)
        {
            return new TextFrame(string.Empty, TextFraming.Unframed, TooLong: true);
        }

        return new TextFrame(Utf8.GetString(burst), TextFraming.Unframed, TooLong: false);
    }

    /// <summary>The caller saw the pause that ends a burst: an oversize burst being skipped is over.</summary>
    public void EndBurst() => _discarding = false;

    /// <summary>Whether a burst is waiting: buffered bytes with no newline in them.</summary>
    public static bool HasPartial(in ReadOnlySequence<byte> input) => !input.IsEmpty && input.PositionOf((byte)'\n') is null;

    private static bool IsTerminatorByte(byte b) => b is (byte)'\r' or (byte)'\n';

    private static bool EndsWithCr(in ReadOnlySequence<byte> line)
    {
        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }
}
