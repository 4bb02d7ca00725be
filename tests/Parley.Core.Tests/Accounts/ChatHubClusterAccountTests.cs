using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Parley.Core.Accounts;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Tests.Hub;

namespace Parley.Core.Tests.Accounts;

/// <summary>Registered nicknames held by another node's member (a stand-in here): only its own node guards and
/// renames it; this node neither starts a grace period for it nor renames it at a login. Fake clock, nothing sleeps.</summary>
public sealed class ChatHubClusterAccountTests : IDisposable
{
    private const string OtherNode = "node-b";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(HubHarness.Start);
    private readonly AccountService _accounts;
    private readonly ChatHub _hub;

    public ChatHubClusterAccountTests()
    {
        _hub = new ChatHub(new HubOptions { FanOutInterval = TimeSpan.Zero }, _time, NullLogger<ChatHub>.Instance);
        _accounts = new AccountService(new AccountOptions { RenameGrace = Grace }, NullLogger<AccountService>.Instance);
        _hub.AttachAccounts(_accounts);
    }

    public void Dispose() => _accounts.Dispose();

    [Fact]
    public async Task Account_a_remote_member_renamed_onto_a_registered_nick_is_left_to_its_own_node()
    {
        await RegisterAccountAndLeaveAsync("alice");
        _hub.ApplyClusterRegistered(OtherNode, "gus", null, _hub.Now);

        _hub.ApplyClusterRenamed(OtherNode, "gus", "alice", _hub.Now);
        _time.Advance(Grace * 2);

        Assert.Equal(OtherNode, _hub.Find("alice")?.Node);
    }

    [Fact]
    public async Task Account_login_while_a_remote_member_holds_the_nick_keeps_the_own_nick_and_says_why()
    {
        await RegisterAccountAndLeaveAsync("alice");
        _hub.ApplyClusterRegistered(OtherNode, "alice", null, _hub.Now);
        var sink = new RecordingSink();
        Assert.Equal(RegistrationResult.Registered, _hub.TryRegister("bob", "test", "10.0.0.3:1", true, sink, out var owner));

        var answer = await _hub.LoginAsync(owner!, "alice", "correct-horse", default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(answer.Succeeded);
        Assert.Equal(("bob", "alice"), (owner!.Nick, owner.Account));
        Assert.Equal(OtherNode, _hub.Find("alice")?.Node);
        Assert.Contains(sink.Received<Notice>(), n => n.Text.Contains("alice is in use on another server", StringComparison.Ordinal));
    }

    private async Task RegisterAccountAndLeaveAsync(string nick)
    {
        Assert.Equal(RegistrationResult.Registered, _hub.TryRegister(nick, "test", "10.0.0.1:1", true, new RecordingSink(), out var owner));
        Assert.True((await _hub.RegisterAccountAsync(owner!, "correct-horse", default).WaitAsync(TimeSpan.FromSeconds(30))).Succeeded);
        _hub.Leave(owner!, "quit");
    }
}
