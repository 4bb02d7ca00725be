using System.Buffers;
using System.IO.Pipelines;
using System.Text;

using Microsoft.Extensions.Time.Testing;

using Parley.Core.Events;
using Parley.Protocols.Text;
using Parley.Server.Connections;

namespace Parley.Server.Tests.Connections;

/// <summary>The send side's rules, over an in-memory pipe standing in for the socket: the test is the kernel,
/// taking bytes (reading the pipe) or not.</summary>
public sealed class ConnectionOutputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void An_idle_output_writes_inline_without_queueing()
    {
        var (pipe, output, _) = Create(limit: 1024);

        Assert.Equal(SendResult.Sent, output.TrySend(Bytes("one\n")));
        Assert.Equal(SendResult.Sent, output.TrySend(Bytes("two\n")));

        Assert.Equal("one\ntwo\n", ReadAvailable(pipe));
        Assert.Equal(0, output.QueuedBytes);
        Assert.Equal(0, output.PendingSince);
    }

    [Fact]
    public async Task While_a_flush_is_in_flight_sends_queue_and_drain_in_order_in_one_write()
    {
        var (pipe, output, _) = Create(limit: 1024, pause: 8);

        // 8 bytes reach the pause threshold: this flush stays in flight until the "kernel" reads.
        Assert.Equal(SendResult.Sent, output.TrySend(Bytes("first-8\n")));
        Assert.NotEqual(0, output.PendingSince);
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("a\n")));
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("b\n")));
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("c\n")));
        Assert.Equal(6, output.QueuedBytes);

        Assert.Equal("first-8\n", ReadAvailable(pipe));
        await output.WhenDrained().WaitAsync(Timeout);

        // Everything queued arrived as one buffer after the first write, in order.
        Assert.Equal("a\nb\nc\n", ReadAvailable(pipe));
        Assert.Equal(0, output.QueuedBytes);
    }

    [Fact]
    public void A_queue_past_its_byte_limit_is_a_slow_consumer_and_takes_nothing_more()
    {
        var (_, output, _) = Create(limit: 10, pause: 4);

        Assert.Equal(SendResult.Sent, output.TrySend(Bytes("stuck")));
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("12345")));
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("67890")));
        Assert.Equal(SendResult.Overflow, output.TrySend(Bytes("x")));

        Assert.Equal(SendResult.Closed, output.TrySend(Bytes("y")));
        Assert.Equal(0, output.QueuedBytes);
    }

    [Fact]
    public async Task The_goodbye_after_an_overflow_replaces_the_backlog_and_follows_what_the_transport_holds()
    {
        var (pipe, output, _) = Create(limit: 10, pause: 4);
        output.TrySend(Bytes("held\n"));
        output.TrySend(Bytes("dropped\n"));
        Assert.Equal(SendResult.Overflow, output.TrySend(Bytes("too much\n")));

        output.SendFinal(Bytes("error: SendQ exceeded\n"), dropQueued: true);

        Assert.Equal("held\n", await ReadNextAsync(pipe));
        Assert.Equal("error: SendQ exceeded\n", await ReadNextAsync(pipe));
        await output.WhenDrained().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_transport_that_is_behind_but_moving_holds_the_senders_back_until_it_drains()
    {
        var pressure = new SendPressure();
        var (pipe, output, _) = Create(limit: 40, pause: 4, pressure: pressure);
        output.TrySend(Bytes("busy"));

        // A quarter of the limit queued behind a flush in flight: senders must wait.
        output.TrySend(Bytes("0123456789A"));
        Assert.Equal(1, pressure.Congested);
        var wait = pressure.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);

        Assert.Equal("busy", await ReadNextAsync(pipe));
        Assert.Equal("0123456789A", await ReadNextAsync(pipe));
        await output.WhenDrained().WaitAsync(Timeout);

        await wait.WaitAsync(Timeout);
        Assert.Equal(0, pressure.Congested);
    }

    [Fact]
    public void A_congested_output_that_makes_no_progress_stops_holding_the_senders_back()
    {
        var pressure = new SendPressure();
        var (_, output, time) = Create(limit: 40, pause: 4, pressure: pressure);
        output.TrySend(Bytes("busy"));
        output.TrySend(Bytes("0123456789A"));
        Assert.Equal(1, pressure.Congested);

        output.CheckStall(TimeSpan.FromSeconds(1));
        Assert.Equal(1, pressure.Congested);

        time.Advance(TimeSpan.FromSeconds(2));
        output.CheckStall(TimeSpan.FromSeconds(1));
        Assert.Equal(0, pressure.Congested);
        Assert.True(output.IsCongested is false);
    }

    [Fact]
    public async Task With_a_write_gap_what_queues_meanwhile_goes_out_as_one_write_one_message_per_line()
    {
        var (pipe, output, time) = Create(limit: 1024);
        output.UseWriteGap(TimeSpan.FromMilliseconds(40), "\n"u8, maxBatchBytes: 1024);

        Assert.Equal(SendResult.Sent, output.TrySend(Bytes("one")));
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("two")));
        Assert.Equal(SendResult.Queued, output.TrySend(Bytes("three")));
        Assert.Equal("one", ReadAvailable(pipe));
        Assert.Equal(string.Empty, ReadAvailable(pipe));

        time.Advance(TimeSpan.FromMilliseconds(40));
        await output.WhenDrained().WaitAsync(Timeout);
        Assert.Equal("two\nthree", ReadAvailable(pipe));

        // After a quiet gap the fast path applies again.
        time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(SendResult.Sent, output.TrySend(Bytes("four")));
        Assert.Equal("four", ReadAvailable(pipe));
    }

    [Fact]
    public async Task A_write_gap_batch_stops_at_its_size_limit_and_the_rest_waits_for_the_next_gap()
    {
        var (pipe, output, time) = Create(limit: 1024);
        output.UseWriteGap(TimeSpan.FromMilliseconds(40), "\n"u8, maxBatchBytes: 9);
        output.TrySend(Bytes("0"));
        output.TrySend(Bytes("aaaa"));
        output.TrySend(Bytes("bbbb"));
        output.TrySend(Bytes("cccc"));
        ReadAvailable(pipe);

        time.Advance(TimeSpan.FromMilliseconds(40));
        await WaitForBytesAsync(pipe);
        Assert.Equal("aaaa\nbbbb", ReadAvailable(pipe));

        time.Advance(TimeSpan.FromMilliseconds(40));
        await output.WhenDrained().WaitAsync(Timeout);
        Assert.Equal("cccc", ReadAvailable(pipe));
    }

    [Fact]
    public async Task A_batch_to_an_unframed_client_is_one_write_one_message_per_line_within_its_size()
    {
        var (pipe, output, time) = Create(limit: 1024);
        output.UseWriteGap(TimeSpan.FromMilliseconds(40), "\n"u8, maxBatchBytes: 9);
        var encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Unframed);
        ChatEvent[] batch = [Said("aaaa"), Said("bbbb"), Said("cccc")];

        Assert.Equal(SendResult.Queued, output.TrySendMany(batch, encoder));
        Assert.Equal("aaaa\nbbbb", ReadAvailable(pipe));

        time.Advance(TimeSpan.FromMilliseconds(40));
        await output.WhenDrained().WaitAsync(Timeout);
        Assert.Equal("cccc", ReadAvailable(pipe));
    }

    [Fact]
    public void A_batch_to_an_idle_framed_client_is_one_write()
    {
        var (pipe, output, _) = Create(limit: 1024);
        var encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf);

        Assert.Equal(SendResult.Sent, output.TrySendMany([Said("one"), Said("two")], encoder));
        Assert.Equal("one\ntwo\n", ReadAvailable(pipe));
    }

    [Fact]
    public void Nothing_is_accepted_after_complete_and_an_idle_output_is_drained_at_once()
    {
        var (_, output, _) = Create(limit: 1024);
        output.Complete();

        Assert.Equal(SendResult.Closed, output.TrySend(Bytes("late")));
        Assert.True(output.WhenDrained().IsCompleted);
    }

    [Fact]
    public async Task A_transport_that_goes_away_closes_the_output()
    {
        var (pipe, output, _) = Create(limit: 1024, pause: 4);
        output.TrySend(Bytes("stuck"));
        output.TrySend(Bytes("queued"));

        await pipe.Reader.CompleteAsync();
        await output.WhenDrained().WaitAsync(Timeout);

        Assert.Equal(SendResult.Closed, output.TrySend(Bytes("after")));
    }

    private static (Pipe Pipe, ConnectionOutput Output, FakeTimeProvider Time) Create(long limit, long pause = 1 << 20, SendPressure? pressure = null)
    {
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: pause,
            resumeWriterThreshold: Math.Max(1, pause / 2),
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            useSynchronizationContext: false));
        var time = new FakeTimeProvider();
        return (pipe, new ConnectionOutput(pipe.Writer, time, limit, pressure), time);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static ChatEvent Said(string text) => new Notice(NoticeKind.Info, text, DateTimeOffset.UnixEpoch);

    /// <summary>What the "kernel" can take now: everything flushed so far, consumed.</summary>
    private static string ReadAvailable(Pipe pipe)
    {
        if (!pipe.Reader.TryRead(out var result))
        {
            return string.Empty;
        }

        var text = Encoding.UTF8.GetString(result.Buffer.ToArray());
        pipe.Reader.AdvanceTo(result.Buffer.End);
        return text;
    }

    private static async Task<string> ReadNextAsync(Pipe pipe)
    {
        var result = await pipe.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var text = Encoding.UTF8.GetString(result.Buffer.ToArray());
        pipe.Reader.AdvanceTo(result.Buffer.End);
        return text;
    }

    private static async Task WaitForBytesAsync(Pipe pipe)
    {
        var result = await pipe.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        pipe.Reader.AdvanceTo(result.Buffer.Start);
    }
}
