using System.IO.Pipelines;

using Parley.Protocols.Text;

namespace Parley.Client.Connections;

public sealed partial class TextChatConnection
{
    internal static string DescribeRefusal(string reply, string name) => reply switch
    {
        _ when reply.StartsWith("400", StringComparison.Ordinal) => $"registration refused: '{name}' is not a valid name ({reply})",
        _ when reply.StartsWith("401", StringComparison.Ordinal) => $"registration refused: the name '{name}' is already taken ({reply})",
        _ => $"registration refused: unexpected reply '{reply}'",
    };

    /// <summary>Waits <see cref="PromptWait"/> for NICK; registers in the dialect the server's first move (or silence) shows.</summary>
    protected override async Task HandshakeAsync(Stream stream, ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        _stream = stream;
        _input = new TextInput(PipeReader.Create(stream), maxLineBytes, _time);
        _name = name;
        switch (await _input.WaitForGreetingAsync(PromptWait, cancellationToken).ConfigureAwait(false))
        {
            case Greeting.UnframedNick:
                await AnswerNickAsync(endpoint, lines: false, cancellationToken).ConfigureAwait(false);
                break;
            case Greeting.FramedNick:
                await AnswerNickAsync(endpoint, lines: true, cancellationToken).ConfigureAwait(false);
                break;
            case Greeting.Closed:
                throw new ChatConnectException($"{endpoint} closed the connection without a word");
            case Greeting.Other:
                // Read before writing: a server that turns us away closes at once, and writing to it could make
                // the kernel drop its explanation when the reset comes back.
                await ReadGreetingAsync(endpoint, cancellationToken).ConfigureAwait(false);
                await RegisterAsync(endpoint, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await RegisterAsync(endpoint, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    // → nick (or nick\n)   ← nick joined! | error: ...
    private async Task AnswerNickAsync(ChatEndpoint endpoint, bool lines, CancellationToken cancellationToken)
    {
        Dialect = TextDialect.Prompted;
        WritesLines = lines;
        _input!.Framing = lines ? TextFraming.Lf : TextFraming.Unframed;
        _output ??= new FrameWriter(PipeWriter.Create(_stream!), lines ? TimeSpan.Zero : UnframedWriteGap, _time);
        await _output.WriteAsync(static (o, s) => TextLineWriter.WriteNick(s.Name, s.Lines, o), (Name: _name, Lines: lines), cancellationToken).ConfigureAwait(false);

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(NickAnswerWait);
        string? first;
        try
        {
            first = await _input.ReadLineAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Silence is acceptance: seed 003 only tells the room. The read loop takes over the stream.
            return;
        }

        if (first is null)
        {
            throw new ChatConnectException($"{endpoint} closed the connection after the nickname, without accepting it");
        }

        var answer = TextLineParser.Parse(first, Dialect);
        if (answer is ErrorReceived refusal)
        {
            throw new ChatConnectException($"registration refused: {refusal.Text}");
        }

        EarlyEvents.TryWrite(answer);
    }

    // → REGISTER name CHAT/1.0\n   ← 200 Registration successful[\n] | 400 ... | 401 ...
    private async Task RegisterAsync(ChatEndpoint endpoint, CancellationToken cancellationToken)
    {
        Dialect = TextDialect.Registered;
        _output = new FrameWriter(PipeWriter.Create(_stream!), time: _time);
        await _output.WriteAsync(static (o, n) => TextLineWriter.WriteRegister(n, o), _name, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var reply = await _input!.ReadReplyAsync(ReplyPause, cancellationToken).ConfigureAwait(false)
                ?? throw new ChatConnectException($"{endpoint} closed the connection before answering the registration");
            _input.Framing = reply.Framed ? TextFraming.Lf : TextFraming.Unframed;
            var text = reply.Text.Trim();
            if (text.StartsWith("200", StringComparison.Ordinal))
            {
                return;
            }

            if (text.StartsWith(TextReplies.NickPrompt, StringComparison.Ordinal))
            {
                await AnswerLatePromptAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (IsStatusReply(text))
            {
                throw new ChatConnectException(DescribeRefusal(text, _name));
            }

            // "error: ..." before registering is the server turning the connection away (Parley's admission limits).
            if (TextLineParser.Parse(text, Dialect) is ErrorReceived refusal)
            {
                throw new ChatConnectException($"{endpoint} refused the connection: {refusal.Text}");
            }

            // A banner or other chatter before the reply is shown once the session starts.
            EarlyEvents.TryWrite(TextLineParser.Parse(text, Dialect));
        }
    }

    /// <summary>
    /// The NICK prompt crossed our REGISTER line (Parley's 300 ms timer fired late on a busy machine, or a slow
    /// link): the server reads that line as a nickname, refuses it, and prompts a line client again with
    /// <c>NICK\n</c>. Skip the refusal and answer the new prompt; the connection is line-framed by now.
    /// </summary>
    private async Task AnswerLatePromptAsync(ChatEndpoint endpoint, CancellationToken cancellationToken)
    {
        while (await _input!.ReadReplyAsync(ReplyPause, cancellationToken).ConfigureAwait(false) is { } reply)
        {
            if (reply.Text.Trim() == TextReplies.NickPrompt)
            {
                await AnswerNickAsync(endpoint, lines: true, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        throw new ChatConnectException($"{endpoint} prompted for a nickname after the REGISTER request, then closed the connection");
    }

    private async Task ReadGreetingAsync(ChatEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (await _input!.ReadReplyAsync(ReplyPause, cancellationToken).ConfigureAwait(false) is not { } greeting)
        {
            throw new ChatConnectException($"{endpoint} closed the connection without a word");
        }

        var said = TextLineParser.Parse(greeting.Text.Trim(), Dialect);
        if (said is ErrorReceived refusal)
        {
            throw new ChatConnectException($"{endpoint} refused the connection: {refusal.Text}");
        }

        EarlyEvents.TryWrite(said);
    }

    private static bool IsStatusReply(string text) =>
        text.Length >= 3 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && (text.Length == 3 || text[3] == ' ');
}
