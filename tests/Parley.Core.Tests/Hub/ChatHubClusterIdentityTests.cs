using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>Stand-ins keep the moment their member took its nickname on its own node (Member.NickSince), from
/// Registered, Renamed and roster lines, whatever this node's clock says; roster lines of an earlier build still read.</summary>
public sealed class ChatHubClusterIdentityTests
{
    private const string OtherNode = "node-b";
    private static readonly DateTimeOffset There = HubHarness.Start.AddMinutes(5);
    private readonly FakeTimeProvider _time = new(HubHarness.Start);
    private readonly ChatHub _hub;

    public ChatHubClusterIdentityTests() =>
        _hub = new ChatHub(new HubOptions { FanOutInterval = TimeSpan.Zero }, _time, NullLogger<ChatHub>.Instance);

    [Fact]
    public void Registered_and_renamed_set_the_stand_ins_nick_since_as_its_node_said()
    {
        _hub.ApplyClusterRegistered(OtherNode, "gus", null, There);
        Assert.Equal(There, _hub.Find("gus")!.NickSince);

        _hub.ApplyClusterRenamed(OtherNode, "gus", "gary", There.AddSeconds(1));
        Assert.Equal(There.AddSeconds(1), _hub.Find("gary")!.NickSince);

        // A change of case only: its node kept the moment, and says so.
        _hub.ApplyClusterRenamed(OtherNode, "gary", "Gary", There.AddSeconds(1));
        Assert.Equal(There.AddSeconds(1), _hub.Find("gary")!.NickSince);
    }

    [Fact]
    public void Roster_lines_carry_nick_since_and_lines_without_it_still_read()
    {
        var since = There.ToUnixTimeMilliseconds();
        _hub.ApplyClusterRoster(OtherNode, $"gus ~{since} #a #b\nold #c\nbare\n");

        var gus = _hub.Find("gus")!;
        Assert.Equal(There, gus.NickSince);
        Assert.Equal(["#a", "#b"], _hub.RoomsOf(gus));
        Assert.Equal(["#c"], _hub.RoomsOf(_hub.Find("old")!));
        Assert.Empty(_hub.RoomsOf(_hub.Find("bare")!));
        Assert.DoesNotContain(_hub.ListRooms(), r => r.Name.StartsWith('~'));
    }

    [Fact]
    public void A_direct_message_to_a_remote_member_is_never_stamped_before_its_nick_since()
    {
        Assert.Equal(RegistrationResult.Registered, _hub.TryRegister("ann", "test", "10.0.0.1:1", true, new RecordingSink(), out var ann));
        _hub.ApplyClusterRegistered(OtherNode, "gus", null, There);

        var sent = _hub.SendDirectMessage(ann!, "gus", "hi", null);

        Assert.Equal(There, sent!.Time);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(_time.GetUtcNow(), _hub.SendDirectMessage(ann!, "gus", "later", null)!.Time);
    }
}
