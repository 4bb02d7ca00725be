using System.IO.Pipelines;
using System.Net.Sockets;

using Parley.Protocols.Text;

namespace Parley.Client.Connections;

/// <summary>
/// <see cref="IChatConnection"/> over the plain-text dialects, whichever the server speaks (docs/client.md,
/// "Text protocol"): a server that prompts with <c>NICK</c> gets the nickname and <c>nick: text</c> messages
/// (seed 003); a silent one gets <c>REGISTER</c> and <c>@nick: text</c> (seed 002). Each is answered in the
/// framing it used: lines, or unframed writes. Writes go through a <see cref="FrameWriter"/> because Ctrl+C may
/// disconnect while a send is in flight.
/// </summary>
public sealed partial class TextChatConnection(int maxLineBytes = TextChatConnection.DefaultMaxLineBytes, TimeProvider? time = null) : ChatConnection
{
    /// <summary>Longest line accepted from the server; a longer one is skipped.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    /// <summary>
    /// How long to wait for a <c>NICK</c> prompt before registering. Seed 003's server.py prompts at once; Parley's
    /// text port after 300 ms of silence (its NickGracePeriod), so this must be longer than that.
    /// </summary>
    public static readonly TimeSpan PromptWait = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A reply without a newline ends after this much silence. Shorter than the 40 ms Parley leaves between
    /// unframed writes (UnframedWriteGap), so a reply is not merged with the message written after it.
    /// </summary>
    public static readonly TimeSpan ReplyPause = TimeSpan.FromMilliseconds(30);

    /// <summary>Unframed messages are written at least this far apart, so a server reading with recv(1024) gets one per read.</summary>
    public static readonly TimeSpan UnframedWriteGap = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// After answering NICK, how long to wait for the server's first word (a refusal, or "nick joined!") before
    /// taking silence as acceptance: seed 003 has no acknowledgement.
    /// </summary>
    public static readonly TimeSpan NickAnswerWait = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private TextInput? _input;
    private FrameWriter? _output;
    private Stream? _stream;
    private string _name = string.Empty;

    /// <summary>The dialect the server turned out to speak; set by the handshake.</summary>
    public TextDialect Dialect { get; private set; } = TextDialect.Registered;

    /// <summary>Whether this client writes lines (true) or unframed messages, one per write (false).</summary>
    public bool WritesLines { get; private set; } = true;

    protected override bool ServerClosesAfterGoodbye => Dialect == TextDialect.Registered;

    public override ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("Not connected.");
        text = CommandAliases.Expand(text);
        return Dialect == TextDialect.Prompted
            ? new(output.WriteAsync(static (o, s) => TextLineWriter.WritePromptedMessage(s.Name, s.Text, s.Lines, o), (Name: _name, Text: text, Lines: WritesLines), cancellationToken))
            : new(output.WriteAsync(static (o, s) => TextLineWriter.WriteMessage(s.Name, s.Text, o), (Name: _name, Text: text), cancellationToken));
    }

    protected override async ValueTask<WireEvent> ReadEventAsync(CancellationToken cancellationToken)
    {
        if (await _input!.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not { } line)
        {
            return WireEvent.End;
        }

        var parsed = TextLineParser.Parse(line, Dialect, Volatile.Read(ref _name));
        if (parsed is MemberRenamed renamed && string.Equals(renamed.Nick, Volatile.Read(ref _name), StringComparison.OrdinalIgnoreCase))
        {
            // Text dialects put the sender's name on every message ("nick: text"): after /nick it must be the new one.
            Volatile.Write(ref _name, renamed.NewNick);
        }

        return WireEvent.Of(parsed);
    }

    /// <summary>
    /// Registration dialect: <c>DISCONNECT name CHAT/1.0</c>, then the server closes. Prompted dialect: seed 003
    /// has no goodbye (its clients just close), so the sending side is shut; Parley then says "nick left".
    /// </summary>
    protected override Task SayGoodbyeAsync(CancellationToken cancellationToken) => Dialect == TextDialect.Registered
        ? _output!.WriteAsync(static (o, n) => TextLineWriter.WriteDisconnect(n, o), _name, cancellationToken)
        : _output!.RunBetweenFramesAsync(() => Socket!.Shutdown(SocketShutdown.Send), cancellationToken);

    protected override void DisposeWriter() => _output?.Dispose();
}
