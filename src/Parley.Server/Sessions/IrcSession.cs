using System.Buffers;
using System.IO.Pipelines;

using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Irc;
using Parley.Server.Connections;
using Parley.Server.Hosting;

namespace Parley.Server.Sessions;

/// <summary>
/// The IRC listener's protocol adapter (docs/protocol.md, "IRC"): client lines to hub calls through one command
/// table (<see cref="IrcSession.Commands"/>), hub events to IRC lines through <see cref="IrcEventEncoder"/>.
/// Sending, back-pressure (fakelag: an over-budget client is not read), timeouts and closing are the connection
/// core's. Threads: the read loop owns everything here except <see cref="TryDeliver"/> (any thread, never blocks)
/// and the ping loop, which only reads the activity time and sends a PING.
/// </summary>
public sealed partial class IrcSession : IMemberSink, IConnectionProtocol
{
    private readonly ClientConnection _connection;
    private readonly ChatHub _hub;
    private readonly CommandDispatcher _dispatcher;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IrcLineReader _reader = new();
    private readonly List<IrcLine> _lines = [];
    private readonly ArrayBufferWriter<byte> _out = new(1024);
    private readonly HashSet<string> _quitSeen = new(NicknameRules.Comparer);
    private readonly HashSet<string> _caps = new(StringComparer.Ordinal);
    private volatile IrcEventEncoder _encoder = IrcEventEncoder.Plain;
    private volatile bool _echoMessage;
    private volatile bool _awayNotify;
    private volatile bool _accountNotify;
    private volatile bool _messageTags;
    private Member? _member;
    private bool _quitting;

    public IrcSession(ClientConnection connection, ChatHub hub, CommandDispatcher dispatcher, ServerOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _hub = hub;
        _dispatcher = dispatcher;
        _options = options;
        _time = time;
        _logger = logger;
        _commands = BuildCommands();
        connection.Attach(this);
    }

    public IEventEncoder Encoder => _encoder;

    /// <summary>The server's name in numerics, PONG and server notices (<c>IrcServerName</c>).</summary>
    private string ServerName => _options.IrcServerName;

    public string Who => _member?.Nick ?? _connection.Address;

    /// <summary>PING after <c>IrcPingInterval</c> of silence; no answer within <c>IrcPingTimeout</c> closes the connection.</summary>
    public KeepAlive? KeepAlive => new(_options.IrcPingInterval, _options.IrcPingTimeout);

    public void SendKeepAlive()
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        IrcWriter.Write(buffer, null, null, "PING", [ServerName], trailing: true);
        _connection.Send(buffer.WrittenMemory);
    }

    /// <summary>The nick in replies: the member's, the one it asked for while registering, else "*".</summary>
    private string Me => _member?.Nick ?? _pendingNick ?? "*";

    private PipeReader Input => _connection.Input;

    public async Task RunAsync()
    {
        var reason = "connection closed";
        try
        {
            reason = await ReadLoopAsync(_connection.Aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or ConnectionAbortedException)
        {
            LogConnectionError(_connection.Address, ex.Message);
        }
        finally
        {
            if (_member is not null)
            {
                _hub.Leave(_member, _connection.DepartureReason ?? reason);
            }
        }
    }

    /// <summary>From broadcasts on any thread: MUST NOT block. Filters what this client did not ask for and
    /// writes the notices that name the recipient; everything else is the shared, cached encoding.</summary>
    public bool TryDeliver(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case Notice n:
                return SendOwnNotice(n.Text);
            case ErrorNotice e:
                return SendOwnNotice(e.Text);
            case AwayChanged when !_awayNotify:
            case AccountChanged when !_accountNotify:
            case TagMessage when !_messageTags:
                return true;
            case MessagePosted m when !_echoMessage && IsMe(m.Sender):
            case NoticeMessage n2 when !_echoMessage && IsMe(n2.Sender):
            case TagMessage t when !_echoMessage && IsMe(t.Sender):
                return true;
            case MemberLeft l when !l.Reason.StartsWith("part", StringComparison.Ordinal):
                // One QUIT per member, however many rooms are shared.
                lock (_quitSeen)
                {
                    if (!_quitSeen.Add(l.Nick))
                    {
                        return true;
                    }
                }

                break;
            case MemberJoined j:
                lock (_quitSeen)
                {
                    _quitSeen.Remove(j.Nick);
                }

                break;
        }

        if (_holding && IsAnswer(chatEvent, _member?.Nick) && TryHold(chatEvent.GetEncoded(_encoder).Span))
        {
            return true;
        }

        return _connection.TryDeliver(chatEvent);
    }

    /// <summary>A dispatcher's batch: when every event is another member's chat message (the common case under load)
    /// and no labeled command is collecting its answer, the whole batch is one write; otherwise event by event.</summary>
    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents)
    {
        if (!_holding)
        {
            var plain = true;
            foreach (var chatEvent in chatEvents)
            {
                if (chatEvent is not MessagePosted m || IsMe(m.Sender))
                {
                    plain = false;
                    break;
                }
            }

            if (plain)
            {
                return _connection.TryDeliverMany(chatEvents);
            }
        }

        foreach (var chatEvent in chatEvents)
        {
            if (!TryDeliver(chatEvent))
            {
                return false;
            }
        }

        return true;
    }

    public void Complete() => _connection.CompleteSending();

    private bool IsMe(string nick) => _member is { } me && NicknameRules.Comparer.Equals(me.Nick, nick);

    private bool SendOwnNotice(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        IrcEventEncoder.WriteServerNotice(buffer, _encoder.ServerTime ? IrcWriter.TimeTag(_hub.Now) : null, ServerName, Me, text);
        return TryHold(buffer.WrittenSpan) || _connection.Send(buffer.WrittenMemory);
    }

    /// <summary>Queues one line for this client; <see cref="Flush"/> sends what is queued as one write.</summary>
    private void Line(string? source, string command, ReadOnlySpan<string> parameters, bool trailing = false) =>
        IrcWriter.Write(_out, _encoder.ServerTime ? IrcWriter.TimeTag(_hub.Now) : null, source, command, parameters, trailing);

    /// <summary>A numeric reply: <c>:parley 001 nick params...</c>; the last parameter is trailing text.</summary>
    private void Numeric(string code, params ReadOnlySpan<string> parameters)
    {
        var all = new string[parameters.Length + 1];
        all[0] = Me;
        parameters.CopyTo(all.AsSpan(1));
        IrcWriter.Write(_out, null, ServerName, code, all, trailing: true);
    }

    /// <summary>Sends the queued replies. Called after every command, and before any hub call whose events reach
    /// this client, so that replies and events keep their order.</summary>
    private void Flush()
    {
        if (_out.WrittenCount > 0)
        {
            if (!TryHold(_out.WrittenSpan))
            {
                _connection.Send(_out.WrittenSpan.ToArray());
            }

            _out.ResetWrittenCount();
        }
    }
}
