using System.Buffers.Text;

namespace Parley.Client.Bench;

/// <summary>
/// The message text a bench sender writes: the marker <c>{T</c>, the send time as 16 lower-case hex digits
/// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp of this process), then '.' up to the payload size.
/// Fixed width so a receiver finds and reads it without parsing the frame around it; only characters that
/// no wire format escapes or rewrites (JSON, IRC and the text dialects carry them as they are), and a marker
/// that no server's own lines contain.
/// </summary>
public static class BenchPayload
{
    public const int TimestampDigits = 16;

    /// <summary>The marker and the timestamp, with no filler.</summary>
    public const int MinimumSize = 2 + TimestampDigits;

    /// <summary>Below Parley's 4096-byte message limit.</summary>
    public const int MaximumSize = 4000;

    /// <summary>An IRC line is at most 512 bytes with the sender's prefix that the server adds.</summary>
    public const int MaximumIrcSize = 400;

    private const byte Filler = (byte)'.';

    public static ReadOnlySpan<byte> Marker => "{T"u8;

    /// <summary>Writes a payload of <paramref name="size"/> bytes carrying <paramref name="timestamp"/>.</summary>
    public static void Write(Span<byte> destination, long timestamp, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinimumSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, size);
        Marker.CopyTo(destination);
        WriteTimestamp(destination.Slice(Marker.Length, TimestampDigits), timestamp);
        destination[MinimumSize..size].Fill(Filler);
    }

    /// <summary>Overwrites only the timestamp of a payload made by <see cref="Write"/> (senders reuse their bytes).</summary>
    public static void WriteTimestamp(Span<byte> digits, long timestamp)
    {
        if (!Utf8Formatter.TryFormat(timestamp, digits, out var written, new System.Buffers.StandardFormat('x', TimestampDigits))
            || written != TimestampDigits)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), "a timestamp takes 16 hex digits");
        }
    }

    /// <summary>Finds the first well-formed marker and timestamp in a received line (whatever frames it).</summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out long timestamp)
    {
        var from = 0;
        while (true)
        {
            var at = line[from..].IndexOf(Marker);
            if (at < 0)
            {
                timestamp = 0;
                return false;
            }

            var start = from + at + Marker.Length;
            if (line.Length - start >= TimestampDigits && TryParseHex(line.Slice(start, TimestampDigits), out timestamp))
            {
                return true;
            }

            from = start;
        }
    }

    private static bool TryParseHex(ReadOnlySpan<byte> digits, out long value)
    {
        ulong result = 0;
        foreach (var b in digits)
        {
            int nibble = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                value = 0;
                return false;
            }

            result = (result << 4) | (uint)nibble;
        }

        value = unchecked((long)result);
        return true;
    }
}
