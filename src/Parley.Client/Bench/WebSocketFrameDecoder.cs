using System.Buffers.Binary;

namespace Parley.Client.Bench;

/// <summary>
/// Turns the server's WebSocket frames into the lines the bench reads, in place and without allocating: each
/// text (or continuation) frame's payload moves to the front, and a final frame gets a <c>\n</c> after it (the
/// server's messages never hold a raw newline). A header is at least two bytes, so the output never overtakes
/// the input. Ping and pong frames are dropped (the server's keep-alive needs no answer); a close frame ends
/// the stream. Server frames are never masked (RFC 6455 §5.1).
/// </summary>
internal sealed class WebSocketFrameDecoder
{
    /// <summary>True once the server's close frame arrived.</summary>
    public bool Closed { get; private set; }

    /// <summary>Decodes the complete frames in <c>buffer[from..end]</c>; returns where the decoded lines end. The
    /// undecoded rest (a partial frame) is moved to right after them; <paramref name="end"/> is updated.</summary>
    public int Decode(Span<byte> buffer, int from, ref int end)
    {
        var write = from;
        var read = from;
        while (!Closed && end - read >= 2)
        {
            var opcode = buffer[read] & 0x0F;
            var fin = (buffer[read] & 0x80) != 0;
            long length = buffer[read + 1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (end - read < 4)
                {
                    break;
                }

                length = BinaryPrimitives.ReadUInt16BigEndian(buffer[(read + 2)..]);
                header = 4;
            }
            else if (length == 127)
            {
                if (end - read < 10)
                {
                    break;
                }

                length = (long)BinaryPrimitives.ReadUInt64BigEndian(buffer[(read + 2)..]);
                header = 10;
                if (length is < 0 or > int.MaxValue)
                {
                    // No buffer holds it, and as an int it would be negative or wrong: the stream cannot go on.
                    Closed = true;
                    break;
                }
            }

            if (end - read - header < length)
            {
                break;
            }

            var payload = buffer.Slice(read + header, (int)length);
            read += header + (int)length;
            switch (opcode)
            {
                case 0x0:
                case 0x1:
                    payload.CopyTo(buffer[write..]);
                    write += payload.Length;
                    if (fin)
                    {
                        buffer[write++] = (byte)'\n';
                    }

                    break;
                case 0x8:
                    Closed = true;
                    break;
            }
        }

        var rest = end - read;
        buffer.Slice(read, rest).CopyTo(buffer[write..]);
        end = write + rest;
        return write;
    }
}
