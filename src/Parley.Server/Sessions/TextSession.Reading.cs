using Parley.Protocols;
using Parley.Protocols.Text;

namespace Parley.Server.Sessions;

public sealed partial class TextSession
{
    /// <summary>The seed clients read with recv(1024): a batch that fits arrives whole.</summary>
    private const int UnframedBatchBytes = 1024;

    /// <summary>
    /// The next message, or null when the connection ended (or the writer loop did, which cancels reads).
    /// With <paramref name="bursts"/>, bytes without a newline followed by <see cref="Hosting.ServerOptions.UnframedPause"/>
    /// of silence are one message; the first frame's framing sets <see cref="_encoder"/>.
    /// </summary>
    private async ValueTask<TextFrame?> ReadFrameAsync(bool bursts, CancellationToken aborted)
    {
        var result = await ReadAsync(aborted).ConfigureAwait(false);
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

            if (result.IsCompleted || (result.IsCanceled && _connection.IsClosing))
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
                NoteActivity(result);
                if (result.IsCanceled && !_connection.IsClosing && !result.Buffer.IsEmpty && TextLineReader.HasPartial(result.Buffer))
                {
                    var burst = _reader.TakeBurst(result.Buffer);
                    Input.AdvanceTo(result.Buffer.End);
                    return Framed(burst);
                }

                continue;
            }

            Input.AdvanceTo(consumed, examined);
            result = await ReadAsync(aborted).ConfigureAwait(false);
        }
    }

    private async ValueTask<System.IO.Pipelines.ReadResult> ReadAsync(CancellationToken aborted)
    {
        var result = await Input.ReadAsync(aborted).ConfigureAwait(false);
        NoteActivity(result);
        return result;
    }

    private void NoteActivity(in System.IO.Pipelines.ReadResult result)
    {
        if (!result.Buffer.IsEmpty && !result.IsCanceled)
        {
            _connection.NoteActivity();
        }
    }

    /// <summary>After an oversize burst from an unframed client: drop bytes until a pause ends the burst.</summary>
    private async ValueTask SkipRestOfBurstAsync(CancellationToken aborted)
    {
        while (true)
        {
            var result = await Input.ReadAsync(_options.UnframedPause, _time, aborted).ConfigureAwait(false);
            Input.AdvanceTo(result.Buffer.End);
            NoteActivity(result);
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
            _encoder = TextEventEncoder.For(_dialect, frame.Framing, InitialCharset(frame.Framing));

            // Clients that read one message per recv(): a gap between writes, and what queues up meanwhile goes
            // out as one write with a newline between messages, at most one recv(1024) long.
            var unframed = frame.Framing == TextFraming.Unframed;
            _connection.Output.UseWriteGap(unframed ? _options.UnframedWriteGap : TimeSpan.Zero, "\n"u8, UnframedBatchBytes);
        }

        return frame;
    }

    /// <summary>
    /// What the client can decode before it has shown otherwise (docs/protocol.md, "Characters"): seed programs
    /// that read unframed bursts decode them as ASCII, and REGISTER clients decode byte by byte, so both get
    /// ASCII; line clients (nc, telnet, people) get UTF-8. <see cref="ServerOptions.TextCharset"/> can force either.
    /// </summary>
    private TextCharset InitialCharset(TextFraming framing) => _options.TextCharset switch
    {
        "utf-8" => TextCharset.Utf8,
        "ascii" => TextCharset.Ascii,
        _ => _dialect == TextDialect.Registered || framing == TextFraming.Unframed ? TextCharset.Ascii : TextCharset.Utf8,
    };

    /// <summary>A client that sends non-ASCII text itself (valid UTF-8: U+FFFD marks bytes that were not) can
    /// decode it: under <c>auto</c> it gets UTF-8 from then on.</summary>
    private void NoteCharset(string text)
    {
        if (_encoder.Charset != TextCharset.Ascii || _options.TextCharset != "auto")
        {
            return;
        }

        foreach (var c in text)
        {
            if (c > 0x7F && c != '\uFFFD')
            {
                _encoder = TextEventEncoder.For(_dialect, _encoder.Framing, TextCharset.Utf8);
                return;
            }
        }
    }
}
