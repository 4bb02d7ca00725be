using System.IO.Pipelines;

using Parley.Protocols;

namespace Parley.Server.Connections;

/// <summary>The read side for sessions with self-delimiting frames (JSON, IRC): one read, every whole frame in it.</summary>
public sealed partial class ClientConnection
{
    /// <summary>
    /// Takes every whole frame of a read of <see cref="Input"/> into <paramref name="frames"/> (cleared first), in
    /// order, and advances the input past them; stops early after a frame for which <paramref name="endsRead"/> is
    /// true (an oversize frame, after which the session leaves). Bytes of a partial frame stay for the next read.
    /// Returns false when the client closed its side: these frames are its last. Only the read loop calls it, after
    /// <c>Input.ReadAsync(CancellationToken.None)</c>: no token, because Kestrel signals ConnectionClosed as soon as
    /// the client's FIN arrives and a cancelled read would drop frames that came with it (seed clients connect, send
    /// one frame and close at once); the input completes on FIN, and <see cref="Close"/> cancels the read.
    /// </summary>
    public bool TakeFrames<TFrame>(in ReadResult result, IMessageReader<TFrame> reader, List<TFrame> frames, Func<TFrame, bool>? endsRead = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(frames);
        var buffer = result.Buffer;
        if (!buffer.IsEmpty && !result.IsCanceled)
        {
            NoteActivity();
        }

        var consumed = buffer.Start;
        var examined = buffer.End;
        frames.Clear();
        while (true)
        {
            var rest = buffer.Slice(consumed);
            var at = rest.Start;
            var seen = rest.End;
            if (!reader.TryParse(rest, ref at, ref seen, out var frame))
            {
                consumed = at;
                examined = seen;
                break;
            }

            consumed = examined = at;
            frames.Add(frame);
            if (endsRead?.Invoke(frame) == true)
            {
                break;
            }
        }

        Input.AdvanceTo(consumed, examined);
        return !result.IsCompleted;
    }
}
