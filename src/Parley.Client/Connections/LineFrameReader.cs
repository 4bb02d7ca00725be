using System.Buffers;
using System.Text;

using Parley.Protocols;

namespace Parley.Client.Connections;

/// <summary>
/// Newline framing for the text dialect: one frame per <c>\n</c>, a trailing <c>\r</c> dropped, UTF-8 with
/// invalid bytes replaced. A line longer than <see cref="MaxLineBytes"/> without a newline is a protocol
/// violation (<see cref="IsOversized"/>) rather than a reason to buffer without end.
/// </summary>
public sealed class LineFrameReader : IMessageReader<string>
{
    public const int DefaultMaxLineBytes = 64 * 1024;

    public LineFrameReader(int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        MaxLineBytes = maxLineBytes;
    }

    public int MaxLineBytes { get; }

    /// <summary>Set once buffered input exceeds the limit with no newline in sight; the caller should close.</summary>
    public bool IsOversized { get; private set; }

    public bool TryParse(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out string frame)
    {
        var reader = new SequenceReader<byte>(input);
        if (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (line.Length > MaxLineBytes)
            {
                IsOversized = true;
                frame = string.Empty;
                examined = input.End;
                return false;
            }

            if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
            {
                line = line.Slice(0, line.Length - 1);
            }

            frame = Encoding.UTF8.GetString(line);
            consumed = reader.Position;
            examined = consumed;
            return true;
        }

        IsOversized = input.Length > MaxLineBytes;
        frame = string.Empty;
        examined = input.End;
        return false;
    }
}
