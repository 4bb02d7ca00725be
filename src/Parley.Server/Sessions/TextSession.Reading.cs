using Parley.Protocols.Text;

namespace Parley.Server.Sessions;

public sealed partial class TextSession
{
    /// <summary>
    /// The next message, or null when the connection ended (or the writer loop did, which cancels reads).
    /// With <paramref name="bursts"/>, bytes without a newline followed by <see cref="Hosting.ServerOptions.UnframedPause"/>
    /// of silence are one message; the first frame's framing sets <see cref="_encoder"/>.
    /// </summary>
    private async ValueTask<TextFrame?> ReadFrameAsync(bool bursts, CancellationToken aborted)
    {
        var result = await Input.ReadAsync(aborted).ConfigureAwait(false);
        while (true)
        {
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            if (_reader.TryParse(buffer, ref consumed, ref examined, out var frame))
            {
                Input.AdvanceTo(consumed, examined);
                return Framed(frame);
            }

            if (result.IsCompleted || (result.IsCanceled && _outbox.IsWriterDone))
            {
                // A last message without a newline before the close still counts.
                var last = buffer.IsEmpty ? (TextFrame?)null : _reader.TakeBurst(buffer);
                Input.AdvanceTo(buffer.End);
                return last is { TooLong: false, Text.Length: > 0 } ? Framed(last.Value) : null;
            }

            if (bursts && TextLineReader.HasPartial(buffer.Slice(consumed)))
            {
                Input.AdvanceTo(consumed, buffer.End);
                result = await Input.ReadAsync(_options.UnframedPause, _time, aborted).ConfigureAwait(false);
                if (result.IsCanceled && !_outbox.IsWriterDone && !result.Buffer.IsEmpty && TextLineReader.HasPartial(result.Buffer))
                {
                    var burst = _reader.TakeBurst(result.Buffer);
                    Input.AdvanceTo(result.Buffer.End);
                    return Framed(burst);
                }

                continue;
            }

            Input.AdvanceTo(consumed, examined);
            result = await Input.ReadAsync(aborted).ConfigureAwait(false);
        }
    }

    /// <summary>After an oversize burst from an unframed client: drop bytes until a pause ends the burst.</summary>
    private async ValueTask SkipRestOfBurstAsync(CancellationToken aborted)
    {
        while (true)
        {
            var result = await Input.ReadAsync(_options.UnframedPause, _time, aborted).ConfigureAwait(false);
            Input.AdvanceTo(result.Buffer.End);
            if (result.IsCanceled || result.IsCompleted)
            {
                _reader.EndBurst();
                return;
            }
        }
    }

    private TextFrame Framed(TextFrame frame)
    {
        if (_member is null)
        {
            _encoder = TextEventEncoder.For(_dialect, frame.Framing);
        }

        return frame;
    }
}
