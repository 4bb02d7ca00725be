using Npgsql;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Waiting, with a deadline, for another node to have applied what one node did: the change travels through
/// the database on its own schedule, and no client event says when a node with no client in the room has it.</summary>
internal static class ClusterWait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Checks <paramref name="condition"/> until it holds; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Never happened: " + what);
            }

            // A poll of in-process state, not a guess at how long something takes: the deadline bounds it.
            await Task.Delay(20);
        }
    }

    /// <summary>Until no node holds <paramref name="nick"/>: a member's node releases its claim on its own schedule after
    /// the member left, and only then may someone connect to another node by that name.</summary>
    public static async Task NickFreeAsync(PostgresTestDatabase database, string nick)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync().WaitAsync(Timeout);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM nick_claims WHERE nick_key = lower($1);", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nick });
        var deadline = DateTime.UtcNow + Timeout;
        while ((long)(await command.ExecuteScalarAsync().WaitAsync(Timeout))! > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never happened: {nick} free in the cluster");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Until <paramref name="node"/> has <paramref name="nick"/> in <paramref name="room"/>.</summary>
    public static Task InRoomAsync(TestServer node, string room, string nick) =>
        UntilAsync(() => node.Hub.GetRoom(room)?.Members.Any(m => m.Member.Nick == nick) == true, $"{nick} in {room}");

    /// <summary>Registers an IRC client that asked for <paramref name="caps"/>.</summary>
    public static async Task<IrcClient> IrcWithCapsAsync(TestServer node, string nick, string caps)
    {
        var irc = await IrcClient.ConnectAsync(node.Irc);
        await irc.SendAsync("CAP REQ :" + caps, $"NICK {nick}", $"USER {nick} 0 * :{nick} test", "CAP END");
        await irc.ExpectAsync("376");
        return irc;
    }

    public static async Task JoinAsync(IrcClient irc, string room)
    {
        await irc.SendAsync("JOIN " + room);
        await irc.ExpectAsync("366");
    }
}
