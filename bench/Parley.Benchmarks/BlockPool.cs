using System.Buffers;

namespace Parley.Benchmarks;

/// <summary>
/// A pool of 4 KiB blocks that keeps every block it ever handed out, as Kestrel's pinned block pool does for
/// its transport pipes. <see cref="MemoryPool{T}.Shared"/> would stand in badly: it allocates a wrapper per
/// rent and its array pool keeps only a few blocks per thread, while a broadcast to 1,000 pipes holds 1,000 at once.
/// </summary>
public sealed class BlockPool : MemoryPool<byte>
{
    private const int BlockSize = 4096;
    private readonly Stack<Block> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return _free.TryPop(out var block) ? block : new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(BlockPool pool) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = new byte[BlockSize];

        public void Dispose() => pool._free.Push(this);
    }
}
