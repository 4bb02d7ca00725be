using System.IO.Pipelines;
using System.Net.Sockets;

using Parley.Protocols.Text;

namespace Parley.Client.Connections;

/// <summary>
/// <see cref="IChatConnection"/> over the newline-framed text (REGISTER) dialect: lines read with the
/// protocol's <see cref="TextLineReader"/> and parsed by <see cref="TextLineParser"/>; writes go through a
/// <see cref="FrameWriter"/> because Ctrl+C may disconnect while a send is in flight.
/// </summary>
public sealed class TextChatConnection(int maxLineBytes = TextChatConnection.DefaultMaxLineBytes) : ChatConnection
{
    /// <summary>Longest line accepted from the server; a longer one is skipped.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    private readonly TextLineReader _frames = new(maxLineBytes);
    private PipeReader? _input;
    private FrameWriter? _output;
    private string _name = string.Empty;

    public override ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("Not connected.");
        return new(output.WriteAsync(static (o, s) => TextLineWriter.WriteMessage(s.Name, s.Text, o), (Name: _name, Text: text), cancellationToken));
    }

    internal static string DescribeRefusal(string reply, string name) => reply switch
    {
        _ when reply.StartsWith("400", StringComparison.Ordinal) => $"registration refused: '{name}' is not a valid name ({reply})",
        _ when reply.StartsWith("401", StringComparison.Ordinal) => $"registration refused: the name '{name}' is already taken ({reply})",
        _ => $"registration refused: unexpected reply '{reply}'",
    };

    protected override async Task HandshakeAsync(NetworkStream stream, ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        _input = PipeReader.Create(stream);
        _output = new FrameWriter(PipeWriter.Create(stream));
        _name = name;
        await _output.WriteAsync(static (o, n) => TextLineWriter.WriteRegister(n, o), name, cancellationToken).ConfigureAwait(false);
        var reply = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ChatConnectException($"{endpoint} closed the connection before answering the registration");
        if (!reply.StartsWith("200", StringComparison.Ordinal))
        {
            throw new ChatConnectException(DescribeRefusal(reply, name));
        }
    }

    protected override async ValueTask<WireEvent> ReadEventAsync(CancellationToken cancellationToken) =>
        await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line
            ? WireEvent.Of(TextLineParser.Parse(line))
            : WireEvent.End;

    protected override Task SayGoodbyeAsync(CancellationToken cancellationToken) =>
        _output!.WriteAsync(static (o, n) => TextLineWriter.WriteDisconnect(n, o), _name, cancellationToken);

    protected override void DisposeWriter() => _output?.Dispose();

    /// <summary>Returns the next whole line, or null at end of stream. Only the handshake and then the read loop call this.</summary>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var input = _input!;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.Start;
            if (_frames.TryParse(buffer, ref consumed, ref examined, out var line))
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
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }
}
