using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Parley.Client.Bench;

/// <summary>
/// When a message reached this machine's kernel, not when the bench got round to reading it: Linux stamps every
/// received packet (SO_TIMESTAMPNS) and recvmsg(2) returns the stamp of the last packet it read. The difference
/// from the send time is the server's latency (plus loopback) without the generator's own queueing, which on a
/// one-core generator reading hundreds of sockets is most of a p99 (docs/benchmarks.md). A read that takes
/// several packets gets the newest stamp, so earlier messages in it are counted late, never early.
/// </summary>
internal static partial class KernelArrivalClock
{
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35;
    private const int MsgDontWait = 0x40;
    private const int ErrnoAgain = 11;
    private const int ErrnoInterrupted = 4;
    private const int ControlBytes = 64;

    // CLOCK_REALTIME (the stamps) minus Stopwatch's CLOCK_MONOTONIC, in nanoseconds, read once per process.
    private static readonly long RealtimeMinusMonotonicNs = MeasureOffset();

    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>Asks the kernel to stamp what arrives on <paramref name="socket"/>.</summary>
    public static void Enable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));
    }

    /// <summary>
    /// A non-blocking receive into <paramref name="buffer"/>: the byte count (0 when the peer closed), or -1 when
    /// nothing is there yet. <paramref name="arrival"/> is the newest packet's arrival as a Stopwatch timestamp (0 if
    /// the kernel gave none).
    /// </summary>
    public static unsafe int Receive(Socket socket, Span<byte> buffer, out long arrival)
    {
        arrival = 0;
        var control = stackalloc byte[ControlBytes];
        fixed (byte* data = buffer)
        {
            var vector = new IoVector { Base = data, Length = (nuint)buffer.Length };
            var header = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = ControlBytes };
            while (true)
            {
                var read = ReceiveMessage(socket.Handle, &header, MsgDontWait);
                if (read >= 0)
                {
                    arrival = ArrivalOf(&header);
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == ErrnoAgain)
                {
                    return -1;
                }

                if (errno != ErrnoInterrupted)
                {
                    throw new SocketException(errno);
                }
            }
        }
    }

    private static unsafe long ArrivalOf(MessageHeader* header)
    {
        // One control message is expected: cmsghdr { size_t len; int level; int type; } then a timespec.
        if (header->ControlLength < (nuint)(sizeof(ControlHeader) + sizeof(TimeSpecification)))
        {
            return 0;
        }

        var cmsg = (ControlHeader*)header->Control;
        if (cmsg->Level != SolSocket || cmsg->Type != SoTimestampNs)
        {
            return 0;
        }

        var stamp = (TimeSpecification*)((byte*)cmsg + sizeof(ControlHeader));
        var monotonicNs = (stamp->Seconds * 1_000_000_000) + stamp->Nanoseconds - RealtimeMinusMonotonicNs;
        return (long)(monotonicNs * (Stopwatch.Frequency / 1e9));
    }

    private static long MeasureOffset()
    {
        // The tightest of a few samples: the realtime read sits between two monotonic reads.
        var best = long.MaxValue;
        var offset = 0L;
        for (var i = 0; i < 16; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var realNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
            var after = Stopwatch.GetTimestamp();
            if (after - before < best)
            {
                best = after - before;
                var midNs = (long)((before + ((after - before) / 2)) * (1e9 / Stopwatch.Frequency));
                offset = realNs - midNs;
            }
        }

        return offset;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static unsafe partial nint ReceiveMessage(nint socket, MessageHeader* message, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ControlHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpecification
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
