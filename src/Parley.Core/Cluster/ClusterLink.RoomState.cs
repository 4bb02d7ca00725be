using Parley.Core.Hub;

namespace Parley.Core.Cluster;

/// <summary>
/// Catching up on room state after asking for it (start, or listening again): the answers
/// (<see cref="ClusterEventKind.RoomState"/>) describe each room as it was when the answering node read the request,
/// and the room-state changes this node heard since it asked are applied again over each answer, so the result is
/// what every other node has. Changes are kept for <see cref="ClusterLinkOptions.RoomStateWindow"/> after asking, at
/// most <see cref="ClusterLinkOptions.MaxHeardPerRoom"/> per room; answers arriving later are ignored. Owned by the
/// receive loop.
/// </summary>
internal sealed partial class ClusterLink
{
    private Dictionary<string, List<ClusterEvent>>? _heard;
    private HashSet<string>? _stated;
    private DateTimeOffset _askedAt;

    private void StartHearing()
    {
        _heard = new Dictionary<string, List<ClusterEvent>>(StringComparer.OrdinalIgnoreCase);
        _stated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _askedAt = _hub.Now;
    }

    private bool Hearing()
    {
        if (_heard is not null && _hub.Now - _askedAt > _options.RoomStateWindow)
        {
            _heard = null;
            _stated = null;
        }

        return _heard is not null;
    }

    private void Heard(string room, ClusterEvent change)
    {
        if (!Hearing())
        {
            return;
        }

        if (!_heard!.TryGetValue(room, out var changes))
        {
            _heard[room] = changes = [];
        }

        if (changes.Count < _options.MaxHeardPerRoom)
        {
            changes.Add(change);
        }
    }

    private void ApplyRoomState(string node, string text)
    {
        if (!Hearing())
        {
            LogRoomStateLate(_logger, node, _options.RoomStateWindow);
            return;
        }

        var rooms = 0;
        string? room = null;
        var lines = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("r ", StringComparison.Ordinal))
            {
                rooms++;
                ApplyRoom(node, room, lines);
                room = line[2..];
                lines.Clear();
            }
            else
            {
                lines.Add(line);
            }
        }

        ApplyRoom(node, room, lines);
        LogRoomStateApplied(_logger, rooms, node);
    }

    private void ApplyRoom(string node, string? room, List<string> lines)
    {
        if (room is null)
        {
            return;
        }

        _hub.ApplyClusterRoomState(node, room, lines, first: _stated!.Add(room));
        if (!_heard!.TryGetValue(room, out var changes))
        {
            return;
        }

        foreach (var change in changes)
        {
            if (change.Kind == ClusterEventKind.Topic)
            {
                _hub.ApplyClusterTopic(room, change.Nick!, change.Text ?? string.Empty, change.Time, own: false, announce: false);
            }
            else
            {
                _hub.ApplyClusterModes(room, change.Nick!, change.Text!, own: false, announce: false);
            }
        }
    }
}
