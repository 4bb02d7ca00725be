using System.Buffers;
using System.IO.Pipelines;
using System.Text;

using Parley.Protocols;
using Parley.Protocols.Text;

namespace Parley.Client.Connections;

/// <summary>
/// What a text server writes, read the way it was written: newline-terminated lines (split and merged across
/// reads, reassembled by the protocol's <see cref="TextLineReader"/>), or, from servers that write without
/// newlines (seed 003's server.py), one burst per read, as its own clients see it with <c>recv(1024)</c>. A burst
/// holding newlines (several writes merged, or a multi-line notice) is split into its lines.
/// Only one caller at a time: the handshake, then the connection's read loop.
/// </summary>
internal sealed class TextInput(PipeReader input, int maxLineBytes, TimeProvider time)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly TextLineReader _lines = new(maxLineBytes);
    private readonly Queue<string> _pending = new();

    /// <summary>How the server frames what it writes; decided by the handshake.</summary>
    public TextFraming Framing { get; set; } = TextFraming.Lf;

    /// <summary>The first thing the server says unprompted, if it says anything within <paramref name="wait"/>.</summary>
    public async ValueTask<Greeting> WaitForGreetingAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var result = await input.ReadAsync(wait, time, cancellationToken).ConfigureAwait(false);
        var waitedForRest = false;
        while (true)
        {
            var buffer = result.Buffer;
            if (buffer.IsEmpty)
            {
                input.AdvanceTo(buffer.Start);
                return result.IsCompleted ? Greeting.Closed : Greeting.Silent;
            }

            var text = Utf8.GetString(buffer.Slice(0, Math.Min(buffer.Length, 8)));
            if (text == TextReplies.NickPrompt)
            {
                input.AdvanceTo(buffer.End);
                return Greeting.UnframedNick;
            }

            foreach (var line in (ReadOnlySpan<string>)["NICK\n", "NICK\r\n"])
            {
                if (text.StartsWith(line, StringComparison.Ordinal))
                {
                    input.AdvanceTo(buffer.GetPosition(line.Length));
                    return Greeting.FramedNick;
                }
            }

            // "NI" of a split "NICK", or "NICK\r" with its "\n" still to come: wait a moment for the rest.
            if (!result.IsCompleted && !waitedForRest && "NICK\r\n".StartsWith(text, StringComparison.Ordinal))
            {
                waitedForRest = true;
                input.AdvanceTo(buffer.Start, buffer.End);
                result = await input.ReadAsync(TextChatConnection.ReplyPause, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Something else (a banner, an admission refusal): left in the buffer for the reply reader.
            input.AdvanceTo(buffer.Start);
            return Greeting.Other;
        }
    }

    /// <summary>
    /// One reply: a line, or (from a server that does not end it with a newline) the bytes that arrived before a
    /// pause of <paramref name="pause"/> or the server closing. Null when the server closed without a word.
    /// </summary>
    public async ValueTask<(string Text, bool Framed)?> ReadReplyAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        if (_pending.TryDequeue(out var queued))
        {
            return (queued, Framing != TextFraming.Unframed);
        }

        var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            if (_lines.TryParse(buffer, ref consumed, ref examined, out var frame))
            {
                input.AdvanceTo(consumed, examined);
                if (frame.TooLong)
                {
                    result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return (frame.Text, true);
            }

            if (!buffer.IsEmpty && (result.IsCompleted || result.IsCanceled))
            {
                // The pause (or the close) ended the burst.
                var burst = _lines.TakeBurst(buffer);
                input.AdvanceTo(buffer.End);
                return (burst.Text, false);
            }

            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }

            input.AdvanceTo(consumed, examined);
            result = buffer.IsEmpty
                ? await input.ReadAsync(cancellationToken).ConfigureAwait(false)
                : await input.ReadAsync(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next line the server sent (a line of a burst when it writes unframed), or null at the end of the stream.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pending.TryDequeue(out var queued))
            {
                return queued;
            }

            if (Framing != TextFraming.Unframed)
            {
                return await ReadFramedLineAsync(cancellationToken).ConfigureAwait(false);
            }

            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.IsEmpty)
            {
                input.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return null;
                }

                // A stale cancellation from a timed read: read again.
                continue;
            }

            // A burst that ends inside a character is not over: the write was cut in two, wait for the rest.
            if (!result.IsCompleted && IncompleteUtf8Tail(buffer) > 0)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var burst = Utf8.GetString(buffer);
            input.AdvanceTo(buffer.End);
            Split(burst);
        }
    }

    /// <summary>Queues the lines of <paramref name="burst"/> to be returned before anything read later.</summary>
    public void Split(string burst)
    {
        foreach (var part in burst.Split('\n'))
        {
            var line = part.TrimEnd('\r');
            if (line.Length > 0)
            {
                _pending.Enqueue(line);
            }
        }
    }

    /// <summary>How many bytes at the end of <paramref name="buffer"/> start a UTF-8 sequence that is not complete yet.</summary>
    private static int IncompleteUtf8Tail(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> tail = stackalloc byte[3];
        var length = (int)Math.Min(buffer.Length, tail.Length);
        buffer.Slice(buffer.Length - length).CopyTo(tail);
        tail = tail[..length];
        for (var back = 1; back <= length; back++)
        {
            var b = tail[length - back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            // A lead byte: complete if its sequence fits in what follows it.
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }

    private async ValueTask<string?> ReadFramedLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.Start;
            if (_lines.TryParse(buffer, ref consumed, ref examined, out var line))
            {
                input.AdvanceTo(consumed, examined);
                if (line.TooLong)
                {
                    // Skipped up to its end by the reader; the next line is read normally.
                    continue;
                }

                return line.Text;
            }

            input.AdvanceTo(consumed, examined);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }
}
