using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

using CsCheck;

using Parley.Client.Connections;
using Parley.Client.Peer;
using Parley.Core.Events;
using Parley.Protocols.Json;
using Parley.Protocols.Tests.Fuzz;

namespace Parley.Client.Tests.Fuzz;

/// <summary>
/// The client's own readers over real pipes and sockets: <see cref="JsonFrameStream"/> (server frames, and the
/// subscriber's delivery links) and the peer listener. Garbage in any split gives the frames the parser finds and
/// at most the documented error (an oversize frame ends the stream); a garbage peer never costs or forges the
/// messages of an honest one.
/// </summary>
public sealed class ClientReaderProperties
{
    private const int MaxFrame = 512;
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Valid server frames with garbage and oversize runs between them.</summary>
    private static readonly Gen<byte[]> ServerStream = Gen.Frequency(
            (3, Gen.Select(WireGen.Nick, WireGen.HostileText, static (nick, text) => JsonEventEncoder.Instance.Encode(new MessagePosted(1, 1, "#general", nick, text, At)).ToArray())),
            (2, WireGen.Bytes),
            (1, Gen.Int[MaxFrame - 10, MaxFrame * 3].Select(static n => Encoding.ASCII.GetBytes("{\"message\":\"" + new string('o', n) + "\"}\n"))))
        .Array[1, 8]
        .Select(static parts => parts.SelectMany(static p => p).ToArray());

    [Fact]
    public async Task The_frame_stream_reads_what_the_parser_finds_however_split_and_fails_only_on_oversize()
    {
        var gen = ServerStream.SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        await Property.CheckAsync(gen, static async input =>
        {
            var (expected, expectOversize) = Expected(input.bytes);
            var (frames, oversize) = await ReadThroughPipeAsync(input.bytes, input.cuts);
            Assert.Equal(expected, frames);
            Assert.Equal(expectOversize, oversize);
        }, corpus: 150);
    }

    /// <summary>A real peer listener with an honest peer and a garbage one connected at once.</summary>
    [Fact]
    public async Task A_garbage_peer_never_costs_or_forges_an_honest_peers_messages()
    {
        var gen = Gen.Frequency((3, WireGen.Bytes), (1, Gen.Int[1, 9000].Select(static n => Encoding.ASCII.GetBytes(new string('{', n)))))
            .Array[1, 6];
        await Property.CheckAsync(gen, static async garbage =>
        {
            await using var listener = new PeerNode(new PeerOptions { Name = "listener" }, _ => { });
            await listener.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await using var bob = new PeerNode(new PeerOptions { Name = "bob", Peers = [new PeerAddress("127.0.0.1", listener.LocalEndPoint.Port)] }, _ => { });
            await bob.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
            using var junk = new TcpClient();
            await junk.ConnectAsync(listener.LocalEndPoint).WaitAsync(TimeSpan.FromSeconds(10));

            const int Count = 10;
            for (var i = 0; i < Count; i++)
            {
                Assert.Empty(await bob.SendAsync($"bob says {i}").WaitAsync(TimeSpan.FromSeconds(10)));
                if (i < garbage.Length)
                {
                    try
                    {
                        await junk.GetStream().WriteAsync(garbage[i]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                    }
                    catch (IOException)
                    {
                        // The listener dropped the garbage peer (oversize): its right.
                    }
                }
            }

            var fromBob = new List<string>();
            while (fromBob.Count < Count)
            {
                var message = await listener.Received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                Assert.True(message.User == "bob" == message.Text.StartsWith("bob says ", StringComparison.Ordinal), message.ToString());
                if (message.User == "bob")
                {
                    fromBob.Add(message.Text);
                }
            }

            Assert.Equal(Enumerable.Range(0, Count).Select(static i => $"bob says {i}"), fromBob);
        }, corpus: 12);
    }

    private static (List<string> Frames, bool Oversize) Expected(byte[] bytes)
    {
        var parser = new JsonServerFrameParser(MaxFrame);
        var frames = new List<string>();
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (true)
        {
            SequencePosition consumed = buffer.Start, examined = buffer.End;
            if (!parser.TryParse(buffer, ref consumed, ref examined, out var frame))
            {
                return (frames, false);
            }

            if (frame.FrameError == JsonFrameErrorKind.Oversize)
            {
                return (frames, true);
            }

            if (frame.FrameError == JsonFrameErrorKind.None)
            {
                frames.Add(Describe(frame));
            }

            buffer = buffer.Slice(consumed);
        }
    }

    private static async Task<(List<string> Frames, bool Oversize)> ReadThroughPipeAsync(byte[] bytes, int[] cuts)
    {
        var pieces = new Queue<ReadOnlyMemory<byte>>();
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length).Where(c => c > 0 && c <= bytes.Length).Distinct().Order())
        {
            pieces.Enqueue(bytes.AsMemory(start, cut - start));
            start = cut;
        }

        await using var source = new PieceStream(pieces);
        var input = PipeReader.Create(source, new StreamPipeReaderOptions(bufferSize: 4096));
        var stream = new JsonFrameStream(input, MaxFrame);
        var frames = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await stream.ReadAsync(timeout.Token) is { } frame)
            {
                frames.Add(Describe(frame));
            }
        }
        catch (InvalidDataException)
        {
            return (frames, true);
        }
        finally
        {
            await input.CompleteAsync();
        }

        return (frames, false);
    }

    /// <summary>A read-only stream whose every read returns at most the rest of one piece, as TCP reads cut a stream.</summary>
    private sealed class PieceStream(Queue<ReadOnlyMemory<byte>> pieces) : Stream
    {
        private ReadOnlyMemory<byte> _current;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_current.IsEmpty && !pieces.TryDequeue(out _current))
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, _current.Length);
            _current.Span[..n].CopyTo(buffer);
            _current = _current[n..];
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static string Describe(ServerFrame f) => $"{f.Type}|{f.TypeName}|{f.User}|{f.Message}|{f.Text}|{f.Id}|{f.Seq}|{f.Time}";
}
