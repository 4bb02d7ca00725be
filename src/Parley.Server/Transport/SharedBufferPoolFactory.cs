using System.Buffers;

using Microsoft.AspNetCore.Connections;

namespace Parley.Server.Transport;

/// <summary>
/// Gives Kestrel's socket transport <see cref="MemoryPool{T}.Shared"/> (the shared array pool) instead of its pinned
/// block pool. The pinned pool keeps every block it ever rented and gives back 5 % every 10 s when idle; a join storm
/// to thousands of members (every join goes to every member) leaves its peak in the pool, about 10-20 KiB per idle
/// connection. The shared array pool keeps a few buffers per core and lets the rest go at the next GC, during the
/// burst itself. Selected by <c>Parley:Server:TransportBufferPool</c> (docs/operations.md).
/// </summary>
internal sealed class SharedBufferPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => MemoryPool<byte>.Shared;
}
