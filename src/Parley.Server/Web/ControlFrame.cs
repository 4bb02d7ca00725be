using System.Buffers;

namespace Parley.Server.Web;

/// <summary>
/// A frame the <see cref="System.Net.WebSockets.WebSocket"/> wrote itself (ping, pong, close), copied and already
/// framed. Its memory comes from this manager so that <see cref="WebSocketFraming.Write"/> can tell it from a
/// message to frame (<see cref="System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager{T, TManager}(ReadOnlyMemory{T}, out TManager)"/>)
/// while both wait in the same send queue. Rare (keep-alive interval, close handshake), so one array each is fine.
/// </summary>
internal sealed class ControlFrame(byte[] bytes) : MemoryManager<byte>
{
    public static ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> frame) => new ControlFrame(frame.ToArray()).Memory;

    public override Span<byte> GetSpan() => bytes;

    // Nothing pins these: the connection core only copies them into its output.
    public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
