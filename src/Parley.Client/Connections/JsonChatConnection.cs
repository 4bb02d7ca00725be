using System.IO.Pipelines;

using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// <see cref="IChatConnection"/> over the native JSON-lines protocol (docs/protocol-json.md): a hello handshake,
/// typed commands sent as structured frames (<see cref="JsonCommandTable"/>), server frames read with the
/// protocol's own framing and mapped by <see cref="ServerFrameMapper"/>.
/// </summary>
public sealed class JsonChatConnection(int maxFrameSize = JsonProtocol.DefaultMaxFrameSize) : ChatConnection
{
    private JsonFrameStream? _input;
    private FrameWriter? _output;

    public override ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("Not connected.");
        return new(output.WriteAsync(static (o, t) => JsonCommandTable.Write(t, o), text, cancellationToken));
    }

    internal static string DescribeRefusal(ErrorReceived error, string name) => error.Code switch
    {
        "nick-invalid" => $"registration refused: '{name}' is not a valid name ({error.Text})",
        "nick-taken" => $"registration refused: the name '{name}' is already taken ({error.Text})",
        _ => $"registration refused: {error.Text}",
    };

    protected override async Task HandshakeAsync(Stream stream, ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        _input = new JsonFrameStream(PipeReader.Create(stream), maxFrameSize);
        _output = new FrameWriter(PipeWriter.Create(stream));
        await _output.WriteAsync(JsonRequestWriter.WriteHello, name, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var frame = await _input.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new ChatConnectException($"{endpoint} closed the connection before answering the hello");
            var clientEvent = ServerFrameMapper.Map(frame);
            if (clientEvent is ErrorReceived error)
            {
                // The server keeps the connection open after a refusal; we give up instead of asking again.
                throw new ChatConnectException(DescribeRefusal(error, name));
            }

            if (clientEvent is not null)
            {
                EarlyEvents.TryWrite(clientEvent);
            }

            if (clientEvent is Welcomed)
            {
                return;
            }
        }
    }

    protected override async ValueTask<WireEvent> ReadEventAsync(CancellationToken cancellationToken) =>
        await _input!.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame
            ? WireEvent.Of(ServerFrameMapper.Map(frame))
            : WireEvent.End;

    protected override Task SayGoodbyeAsync(CancellationToken cancellationToken) =>
        _output!.WriteAsync(static (o, _) => JsonRequestWriter.WriteBare(o, "quit"), 0, cancellationToken);

    protected override void DisposeWriter() => _output?.Dispose();
}
