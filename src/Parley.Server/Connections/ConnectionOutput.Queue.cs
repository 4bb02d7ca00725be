using System.Buffers;

namespace Parley.Server.Connections;

/// <summary>The byte-bounded queue, rented only during a burst.</summary>
public sealed partial class ConnectionOutput
{
    private void WriteQueueLocked()
    {
        var batched = 0;
        var first = true;
        var items = _items!;
        while (_head < _tail)
        {
            var item = items[_head];
            if (_gap > TimeSpan.Zero)
            {
                var size = item.Length + (first ? 0 : _separator.Length);
                if (!first && batched + size > _maxBatchBytes)
                {
                    break;
                }

                if (!first)
                {
                    _output.Write(_separator);
                }

                batched += size;
            }

            WriteMessageLocked(item);
            items[_head++] = default;
            _queuedBytes -= item.Length;
            first = false;
        }

        if (_head == _tail)
        {
            ReleaseQueueLocked();
        }

        if (_congested && _queuedBytes <= _softMark / 2)
        {
            ExitPressureLocked();
        }
    }

    private void EnqueueLocked(ReadOnlyMemory<byte> bytes)
    {
        if (_items is null)
        {
            _items = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(InitialQueueLength);
        }
        else if (_tail == _items.Length)
        {
            var count = _tail - _head;
            if (_head >= _items.Length / 2)
            {
                Array.Copy(_items, _head, _items, 0, count);
                Array.Clear(_items, count, _items.Length - count);
            }
            else
            {
                var bigger = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(_items.Length * 2);
                Array.Copy(_items, _head, bigger, 0, count);
                ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(_items, clearArray: true);
                _items = bigger;
            }

            _head = 0;
            _tail = count;
        }

        _items[_tail++] = bytes;
        _queuedBytes += bytes.Length;
    }

    private void DropQueueLocked()
    {
        if (_items is not null)
        {
            ReleaseQueueLocked();
        }

        _queuedBytes = 0;
        ExitPressureLocked();
    }

    // The queue exists only during a burst: an idle connection holds no array.
    private void ReleaseQueueLocked()
    {
        ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(_items!, clearArray: true);
        _items = null;
        _head = _tail = 0;
    }
}
