using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>
/// What the user sees of the session: their current name and room, followed from the events in the order they
/// are shown, so "[#room]" marks exactly the messages from rooms other than the one typed into. The server
/// decides where an unaddressed message goes; this only mirrors it: a join makes that room current, and leaving
/// the current room falls back to the room joined most recently before it.
/// </summary>
public sealed class SessionView
{
    private readonly List<string> _rooms = [];

    public SessionView(string name)
    {
        Name = name;
    }

    public string Name { get; private set; }

    /// <summary>Null on wires without rooms, and after leaving every room.</summary>
    public string? CurrentRoom { get; private set; }

    public string Prompt => CurrentRoom is null ? $"{Name}> " : $"{Name} {CurrentRoom}> ";

    public bool IsMe(string nick) => string.Equals(nick, Name, StringComparison.OrdinalIgnoreCase);

    public bool IsCurrent(string? room) => room is null || string.Equals(room, CurrentRoom, StringComparison.OrdinalIgnoreCase);

    /// <summary>Follows <paramref name="clientEvent"/>; true when <see cref="Prompt"/> changed.</summary>
    public bool Apply(ClientEvent clientEvent)
    {
        var before = Prompt;
        switch (clientEvent)
        {
            case Welcomed welcome:
                Name = welcome.Name.Length > 0 ? welcome.Name : Name;
                _rooms.Clear();
                if (welcome.Room is { } first)
                {
                    _rooms.Add(first);
                }

                CurrentRoom = welcome.Room;
                break;
            case MemberJoined { Room: { } room } joined when IsMe(joined.Nick):
                _rooms.RemoveAll(r => string.Equals(r, room, StringComparison.OrdinalIgnoreCase));
                _rooms.Add(room);
                CurrentRoom = room;
                break;
            case MemberLeft { Room: { } room } left when IsMe(left.Nick):
                _rooms.RemoveAll(r => string.Equals(r, room, StringComparison.OrdinalIgnoreCase));
                if (IsCurrent(room))
                {
                    CurrentRoom = _rooms.Count > 0 ? _rooms[^1] : null;
                }

                break;
            case MemberRenamed renamed when IsMe(renamed.Nick):
                Name = renamed.NewNick;
                break;
        }

        return before != Prompt;
    }
}
