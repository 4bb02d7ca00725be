using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// The server may deliver a subscriber's messages both on its subscribing connection and at its registered
/// address (it cannot know which one a seed client reads). Messages carry the server's "id"; server news
/// carries its time to the millisecond: the second copy of a recent one is dropped. Frames with neither pass.
/// </summary>
internal sealed class DeliveryDeduplicator(int remember = 1024)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = [];
    private readonly Queue<string> _order = new();

    public bool IsFirstCopy(ServerFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var id = frame.Id is { } messageId
            ? messageId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : frame.Time is { } time ? $"{frame.TypeName}|{time:O}|{frame.Message ?? frame.Text}" : null;
        if (id is null)
        {
            return true;
        }

        lock (_gate)
        {
            if (!_seen.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > remember)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
