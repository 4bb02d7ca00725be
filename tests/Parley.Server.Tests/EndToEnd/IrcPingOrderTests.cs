using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>A PING is how an IRC client checks it has everything: room events that happened before it (and were
/// waiting for their room's fan-out turn) come before the PONG.</summary>
public sealed class IrcPingOrderTests
{
    [Fact]
    public async Task A_join_and_a_message_waiting_for_the_rooms_turn_arrive_before_the_pong()
    {
        // A turn a minute long: without the PING taking them along, the events would come after the PONG.
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Hub:FanOutInterval"] = "00:01:00",
        });
        await using var ann = await IrcClient.RegisterAsync(server.Irc, "ann");
        await ann.SendAsync("JOIN #order");
        await ann.ExpectAsync("366");
        await using var ben = await IrcClient.RegisterAsync(server.Irc, "ben");
        await ben.SendAsync("JOIN #order");
        await ben.ExpectAsync("366");
        await using var cy = await IrcClient.RegisterAsync(server.Irc, "cy");
        await cy.SendAsync("JOIN #order");
        await cy.ExpectAsync("366");
        await cy.SendAsync("PRIVMSG #order :hello");

        // cy's PONG tells that its PRIVMSG was handled; then ann asks.
        await cy.SendAsync("PING :cy-sync");
        await cy.ExpectAsync("PONG");
        await ann.SendAsync("PING :ann-sync");
        var lines = new List<string>();
        while (await ann.ReadLineAsync(TimeSpan.FromSeconds(10)) is { } line)
        {
            lines.Add(line);
            if (IrcClient.CommandOf(line) == "PONG")
            {
                break;
            }
        }

        Assert.Equal(["JOIN", "JOIN", "PRIVMSG", "PONG"], lines.Select(IrcClient.CommandOf).Where(c => c != "PING").ToArray()[^4..]);
        Assert.Contains(lines, l => l.StartsWith(":cy!", StringComparison.Ordinal) && l.Contains("PRIVMSG #order :hello", StringComparison.Ordinal));
    }
}
