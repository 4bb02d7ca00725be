using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Parley.Core.Accounts;
using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Tests.Hub;
using Parley.Core.Tests.Weather;

namespace Parley.Core.Tests.Accounts;

/// <summary>Registered nicknames in the hub: the grace period runs on a fake clock, so nothing here sleeps.</summary>
public sealed class ChatHubAccountTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(HubHarness.Start);
    private readonly AccountService _accounts;
    private readonly ChatHub _hub;
    private readonly CommandDispatcher _dispatcher;

    public ChatHubAccountTests()
    {
        _hub = new ChatHub(new HubOptions { FanOutInterval = TimeSpan.Zero }, _time, NullLogger<ChatHub>.Instance);
        _accounts = new AccountService(new AccountOptions { RenameGrace = Grace, Operators = ["root"] }, NullLogger<AccountService>.Instance);
        _hub.AttachAccounts(_accounts);
        _dispatcher = new CommandDispatcher(_hub, new FakeWeatherService());
    }

    public void Dispose() => _accounts.Dispose();

    [Fact]
    public async Task Account_register_command_logs_in_and_protects_the_nick()
    {
        var (alice, sink) = Register("alice", "10.0.0.1:1");

        await InputAsync(alice, "/register correct-horse");

        Assert.Equal("alice", alice.Account);
        Assert.Contains(sink.Received<Notice>(), n => n.Kind == NoticeKind.Account && n.Text.Contains("Registered the account alice", StringComparison.Ordinal));
        Assert.True(await _accounts.IsRegisteredAsync("ALICE", default));
    }

    [Fact]
    public async Task Account_a_guest_on_a_registered_nick_is_renamed_after_the_grace_period()
    {
        await RegisterAccountAndLeaveAsync("alice");
        var (guest, sink) = Register("alice", "10.0.0.2:1");

        Assert.Contains(sink.Received<Notice>(), n => n.Kind == NoticeKind.Account && n.Text.Contains("is registered", StringComparison.Ordinal));
        _time.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.Equal("alice", guest.Nick);

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.StartsWith("Guest", guest.Nick, StringComparison.Ordinal);
        Assert.Null(_hub.Find("alice"));
        Assert.Contains(sink.Received<Notice>(), n => n.Text.Contains("you are now " + guest.Nick, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Account_a_guest_that_logs_in_within_the_grace_period_keeps_the_nick()
    {
        await RegisterAccountAndLeaveAsync("alice");
        var (returning, _) = Register("alice", "10.0.0.2:1");

        await InputAsync(returning, "/login correct-horse");
        _time.Advance(Grace * 2);

        Assert.Equal("alice", returning.Nick);
        Assert.Equal("alice", returning.Account);
    }

    [Fact]
    public async Task Account_wrong_password_is_refused_and_the_guest_still_renamed()
    {
        await RegisterAccountAndLeaveAsync("alice");
        var (guest, sink) = Register("alice", "10.0.0.2:1");

        await InputAsync(guest, "/login wrong-horse");
        _time.Advance(Grace * 2);

        Assert.Null(guest.Account);
        Assert.Equal(ErrorCodes.AuthFailed, sink.Received<ErrorNotice>().Single().Code);
        Assert.StartsWith("Guest", guest.Nick, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_owner_logging_in_elsewhere_takes_the_nick_from_the_guest_at_once()
    {
        await RegisterAccountAndLeaveAsync("alice");
        var (squatter, squatterSink) = Register("alice", "10.0.0.2:1");
        var (owner, _) = Register("bob", "10.0.0.3:1");

        await InputAsync(owner, "/login alice correct-horse");

        Assert.Equal("alice", owner.Nick);
        Assert.Equal("alice", owner.Account);
        Assert.StartsWith("Guest", squatter.Nick, StringComparison.Ordinal);
        Assert.Contains(squatterSink.Received<Notice>(), n => n.Text.Contains("owner of alice logged in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Account_taken_nick_registration_is_refused()
    {
        await RegisterAccountAndLeaveAsync("alice");
        var (guest, sink) = Register("alice", "10.0.0.2:1");

        await InputAsync(guest, "/register other-password");

        Assert.Null(guest.Account);
        Assert.Equal(ErrorCodes.AccountExists, sink.Received<ErrorNotice>().Single().Code);
    }

    [Fact]
    public async Task Account_logout_guards_the_nick_again()
    {
        var (alice, sink) = Register("alice", "10.0.0.1:1");
        await InputAsync(alice, "/register correct-horse");

        await InputAsync(alice, "/logout");
        _time.Advance(Grace * 2);

        Assert.Null(alice.Account);
        Assert.StartsWith("Guest", alice.Nick, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_configured_operators_are_made_room_operators_on_login()
    {
        var (root, _) = Register("root", "10.0.0.1:1");
        var (bob, bobSink) = Register("bob", "10.0.0.2:1");
        Assert.Null(_hub.Join(bob, "#ops"));
        Assert.Null(_hub.Join(root, "#ops"));
        bobSink.Clear();
        await InputAsync(root, "/register correct-horse");

        await InputAsync(root, "/kick #ops bob enough");

        Assert.True(_hub.GetRoom("#ops")!.Find("root")?.IsOperator);
        Assert.Contains(bobSink.Received<RoomModeChanged>(), m => m.Modes == "+o root");
        Assert.Contains(bobSink.Received<MemberKicked>(), k => k.Nick == "bob" && k.By == "root");
    }

    [Fact]
    public async Task Operator_room_creator_sets_topic_kicks_and_makes_the_room_invite_only()
    {
        var (alice, _) = Register("alice", "10.0.0.1:1");
        var (bob, bobSink) = Register("bob", "10.0.0.2:1");
        var (carol, carolSink) = Register("carol", "10.0.0.3:1");
        Assert.Null(_hub.Join(alice, "#team"));
        Assert.Null(_hub.Join(bob, "#team"));

        await InputAsync(bob, "/kick alice");
        await InputAsync(alice, "/topic Ship it");
        await InputAsync(alice, "/invite-only");
        await InputAsync(alice, "/kick bob bye");

        Assert.Equal(ErrorCodes.NotOperator, bobSink.Received<ErrorNotice>().Single().Code);
        Assert.Equal("Ship it", _hub.GetRoom("#team")!.Topic);
        Assert.True((_hub.GetRoom("#team")!.Modes & RoomModes.InviteOnly) != 0);
        Assert.Equal(ErrorCodes.InviteOnly, _hub.Join(carol, "#team"));
        Assert.DoesNotContain(bob, _hub.GetRoom("#team")!.Members.Select(m => m.Member));

        await InputAsync(alice, "/invite carol");
        Assert.Single(carolSink.Received<MemberInvited>());
        Assert.Null(_hub.Join(carol, "#team"));
    }

    [Fact]
    public async Task Account_commands_are_listed_by_help_when_accounts_are_on()
    {
        var (alice, sink) = Register("alice", "10.0.0.1:1");
        sink.Clear();

        await InputAsync(alice, "/help");

        Assert.Contains("/login [nick] <password>", sink.Single<Notice>().Text, StringComparison.Ordinal);
    }

    private async Task RegisterAccountAndLeaveAsync(string nick)
    {
        var (owner, _) = Register(nick, "10.0.0.1:1");
        Assert.True((await _hub.RegisterAccountAsync(owner, "correct-horse", default)).Succeeded);
        _hub.Leave(owner, "quit");
    }

    private (Member Member, RecordingSink Sink) Register(string nick, string address)
    {
        var sink = new RecordingSink();
        Assert.Equal(RegistrationResult.Registered, _hub.TryRegister(nick, "test", address, true, sink, out var member));
        return (member!, sink);
    }

    private async Task InputAsync(Member member, string text) =>
        await _dispatcher.HandleInputAsync(member, text, null, null, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
