using System.Buffers;

namespace Parley.Protocols.Irc;

/// <summary>
/// Frames client lines: ended by LF, a CR before it dropped (bare LF accepted, as most servers do). A line over
/// <see cref="IrcLimits.LineBytes"/> without its tags, or with tags over <see cref="IrcLimits.ClientTagBytes"/>, is
/// refused once with <see cref="IrcLineError.TooLong"/> and skipped up to its LF, however long it runs. Blank
/// lines are skipped. Per-connection state: whether it is skipping the rest of a long line.
/// </summary>
public sealed class IrcLineReader : IMessageReader<IrcLine>
{
    private const int MaxLine = IrcLimits.ClientTagBytes + IrcLimits.LineBytes;
    private bool _skipping;

    public bool TryParse(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out IrcLine frame)
    {
        var rest = input;
        Span<byte> scratch = stackalloc byte[MaxLine];
        while (true)
        {
            var lf = rest.PositionOf((byte)'\n');
            if (lf is null)
            {
                if (_skipping)
                {
                    consumed = examined = rest.End;
                    frame = default;
                    return false;
                }

                if (rest.Length > MaxLine)
                {
                    // No LF in sight and already too long: refuse now, then skip to the LF whenever it comes.
                    _skipping = true;
                    consumed = examined = rest.End;
                    frame = IrcLine.Refused(IrcLineError.TooLong);
                    return true;
                }

                consumed = rest.Start;
                examined = rest.End;
                frame = default;
                return false;
            }

            var line = rest.Slice(0, lf.Value);
            var next = rest.GetPosition(1, lf.Value);
            if (_skipping)
            {
                _skipping = false;
                rest = rest.Slice(next);
                continue;
            }

            if (line.Length > MaxLine)
            {
                consumed = examined = next;
                frame = IrcLine.Refused(IrcLineError.TooLong);
                return true;
            }

            line.CopyTo(scratch);
            ReadOnlySpan<byte> bytes = scratch[..(int)line.Length];
            if (!bytes.IsEmpty && bytes[^1] == (byte)'\r')
            {
                bytes = bytes[..^1];
            }

            if (!WithinLimits(bytes))
            {
                consumed = examined = next;
                frame = IrcLine.Refused(IrcLineError.TooLong);
                return true;
            }

            if (IrcMessageParser.TryParse(bytes, out var message, out var blank))
            {
                consumed = examined = next;
                frame = new IrcLine(message, IrcLineError.None);
                return true;
            }

            if (!blank)
            {
                consumed = examined = next;
                frame = IrcLine.Refused(IrcLineError.Malformed);
                return true;
            }

            rest = rest.Slice(next);
        }
    }

    private static bool WithinLimits(ReadOnlySpan<byte> line)
    {
        var body = line;
        if (!line.IsEmpty && line[0] == (byte)'@')
        {
            var space = line.IndexOf((byte)' ');
            var tagBytes = space < 0 ? line.Length : space + 1;
            if (tagBytes > IrcLimits.ClientTagBytes)
            {
                return false;
            }

            body = space < 0 ? [] : line[(space + 1)..];
        }

        // Without CR LF, a line holds 510 bytes.
        return body.Length <= IrcLimits.LineBytes - 2;
    }
}
