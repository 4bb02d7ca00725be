using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Tests.Hub;
using Parley.Core.Weather;

namespace Parley.Core.Tests.Commands;

public sealed class CommandDispatcherTests
{
    [Theory]
    [InlineData("weather", null)]
    [InlineData(" WeAtHeR ", null)]
    [InlineData("\tWEATHER\r", null)]
    [InlineData("/weather", null)]
    [InlineData("/weather Paris", "Paris")]
    [InlineData("/WEATHER   New York  ", "New York")]
    public async Task Weather_asks_the_service_and_answers_only_the_sender(string input, string? place)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        var outcome = await harness.InputAsync(members[0].Member, input);

        Assert.Equal(InputOutcome.Continue, outcome);
        Assert.Equal([place], harness.Weather.Calls);
        var notice = members[0].Sink.Single<Notice>();
        Assert.Equal(NoticeKind.Weather, notice.Kind);
        Assert.Equal(harness.Weather.Report.ToText(), notice.Text);
        Assert.Empty(members[1].Sink.Events);
    }

    [Fact]
    public async Task Weather_that_is_unavailable_is_an_error_to_the_sender()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        harness.Weather.Report = new WeatherReport("Atlantis", WeatherSource.Unavailable, [], "No such place.");

        await harness.InputAsync(members[0].Member, "/weather Atlantis");

        var error = members[0].Sink.Single<ErrorNotice>();
        Assert.Equal(ErrorCodes.WeatherUnavailable, error.Code);
        Assert.Equal("No weather for Atlantis.\nNo such place.", error.Text);
        Assert.Empty(members[1].Sink.Events);
    }

    [Fact]
    public async Task Weather_when_disabled_is_an_ordinary_message_and_the_command_is_unknown()
    {
        var harness = new HubHarness(new HubOptions { WeatherEnabled = false });
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, "weather");
        await harness.InputAsync(members[0].Member, "/weather Paris");

        Assert.Empty(harness.Weather.Calls);
        Assert.Equal("weather", members[1].Sink.Single<MessagePosted>().Text);
        Assert.Equal(ErrorCodes.UnknownCommand, members[0].Sink.Single<ErrorNotice>().Code);
    }

    [Theory]
    [InlineData("Bye from Client")]
    [InlineData("bye FROM client")]
    [InlineData("  Bye from Client \r")]
    [InlineData("/quit")]
    [InlineData("/QUIT now")]
    public async Task Bye_from_client_says_goodbye_and_quits(string input)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        var outcome = await harness.InputAsync(members[0].Member, input);

        Assert.Equal(InputOutcome.Quit, outcome);
        var notice = members[0].Sink.Single<Notice>();
        Assert.Equal((NoticeKind.Goodbye, "Bye from Server"), (notice.Kind, notice.Text));
        Assert.Empty(members[1].Sink.Events);
    }

    [Fact]
    public async Task Bye_inside_a_longer_message_is_just_a_message()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        Assert.Equal(InputOutcome.Continue, await harness.InputAsync(members[0].Member, "Bye from Client!"));

        Assert.Equal("Bye from Client!", members[1].Sink.Single<MessagePosted>().Text);
    }

    [Theory]
    [InlineData("/nosuch", "/nosuch")]
    [InlineData("/nosuch with args", "/nosuch")]
    [InlineData("/ msg bob hi", "/.")]
    public async Task An_unknown_command_is_an_error_to_the_sender(string input, string named)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, input);

        var error = members[0].Sink.Single<ErrorNotice>();
        Assert.Equal(ErrorCodes.UnknownCommand, error.Code);
        Assert.StartsWith($"Unknown command {named.TrimEnd('.')}", error.Text, StringComparison.Ordinal);
        Assert.Empty(members[1].Sink.Events);
    }

    [Theory]
    [InlineData("/msg", "/msg <nick> <text>")]
    [InlineData("/msg bob", "/msg <nick> <text>")]
    [InlineData("/msg bob   ", "/msg <nick> <text>")]
    [InlineData("/join", "/join <#room> [key]")]
    public async Task Missing_arguments_are_bad_syntax_with_the_usage(string input, string usage)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, input);

        var error = members[0].Sink.Single<ErrorNotice>();
        Assert.Equal((ErrorCodes.BadSyntax, "Usage: " + usage), (error.Code, error.Text));
        Assert.Empty(members[1].Sink.Events);
    }

    [Fact]
    public async Task Msg_sends_a_direct_message_to_the_recipient_only()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol");

        await harness.InputAsync(members[0].Member, "/msg BOB hello there ");

        var sent = members[1].Sink.Single<DirectMessageSent>();
        Assert.Equal(("alice", "bob", "hello there"), (sent.Sender, sent.Recipient, sent.Text));
        Assert.Empty(members[0].Sink.Events);
        Assert.Empty(members[2].Sink.Events);
    }

    [Fact]
    public async Task Msg_to_an_unknown_nick_is_an_error()
    {
        var harness = new HubHarness();
        var (alice, sink) = harness.RegisterQuietly("alice")[0];

        await harness.InputAsync(alice, "/msg zed hi");

        var error = sink.Single<ErrorNotice>();
        Assert.Equal((ErrorCodes.NoSuchNick, "Nobody is called zed."), (error.Code, error.Text));
    }

    [Fact]
    public async Task Help_lists_every_command_for_a_member_with_rooms()
    {
        var harness = new HubHarness();
        var (alice, sink) = harness.RegisterQuietly("alice")[0];

        await harness.InputAsync(alice, "/help");

        var help = sink.Single<Notice>();
        Assert.Equal(NoticeKind.Help, help.Kind);
        var lines = help.Text.Split('\n');
        Assert.Equal("Commands:", lines[0]);
        Assert.Equal(
            ["/help", "/quit", "/weather", "/msg", "/who", "/rooms", "/join", "/part", "/nick", "/users", "/exit", "/history", "/search", "/topic", "/kick", "/mode", "/invite-only", "/invite"],
            lines[1..].Select(l => l.Split(' ')[0]));
        Assert.Contains("default: Kansas City", help.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_leaves_out_what_the_member_cannot_use()
    {
        var harness = new HubHarness(new HubOptions { WeatherEnabled = false });
        var (alice, sink) = harness.Register("alice", canChangeRooms: false);
        sink.Clear();

        await harness.InputAsync(alice, "/HELP");

        Assert.Equal(
            ["/help", "/quit", "/msg", "/who", "/rooms", "/nick", "/users", "/exit", "/history", "/search", "/topic", "/kick", "/mode", "/invite-only", "/invite"],
            sink.Single<Notice>().Text.Split('\n')[1..].Select(l => l.Split(' ')[0]));
    }

    [Theory]
    [InlineData("//x", "/x")]
    [InlineData("  //join #rust", "/join #rust")]
    [InlineData("//", "/")]
    [InlineData("/", "/")]
    public async Task A_double_slash_posts_the_text_with_one_slash(string input, string posted)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, input);

        Assert.Equal(posted, members[1].Sink.Single<MessagePosted>().Text);
        Assert.Empty(members[0].Sink.Events);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r")]
    public async Task Empty_input_is_ignored(string input)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        Assert.Equal(InputOutcome.Continue, await harness.InputAsync(members[0].Member, input));

        Assert.All(members, m => Assert.Empty(m.Sink.Events));
    }

    [Fact]
    public async Task A_message_keeps_its_text_and_carries_the_room_and_seq_given()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        await harness.InputAsync(members[0].Member, "  hello  ", HubOptions.DefaultRoomName, 5);

        var posted = members[1].Sink.Single<MessagePosted>();
        Assert.Equal(("  hello  ", 5L, HubOptions.DefaultRoomName), (posted.Text, posted.Seq, posted.Room));
    }

    [Fact]
    public async Task A_message_to_a_room_the_member_is_not_in_is_an_error()
    {
        var harness = new HubHarness();
        var (alice, sink) = harness.RegisterQuietly("alice")[0];

        await harness.InputAsync(alice, "hi", "#nowhere");

        var error = sink.Single<ErrorNotice>();
        Assert.Equal((ErrorCodes.NoSuchRoom, "No such room: #nowhere."), (error.Code, error.Text));
    }

    [Fact]
    public async Task Join_is_rooms_unsupported_for_text_dialect_members()
    {
        var harness = new HubHarness();
        var (alice, sink) = harness.Register("alice", canChangeRooms: false);
        sink.Clear();

        await harness.InputAsync(alice, "/join #rust");
        await harness.InputAsync(alice, "/part");

        Assert.All(sink.Events, e => Assert.Equal(ErrorCodes.RoomsUnsupported, Assert.IsType<ErrorNotice>(e).Code));
        Assert.Equal(2, sink.Events.Count);
        Assert.Null(harness.Hub.Who("#rust"));
    }

    [Fact]
    public async Task Join_who_rooms_and_part_through_the_table()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var (alice, sink) = members[0];

        await harness.InputAsync(alice, "/join rust");
        Assert.Equal("#rust", sink.Single<MemberJoined>().Room);
        sink.Clear();

        await harness.InputAsync(alice, "/who");
        await harness.InputAsync(alice, "/who #general");
        await harness.InputAsync(alice, "/who #nowhere");
        await harness.InputAsync(alice, "/rooms");
        await harness.InputAsync(alice, "/part #rust");
        await harness.InputAsync(alice, "/part #rust");
        await harness.InputAsync(alice, "/join bad/name");

        Assert.Collection(
            sink.Events,
            e => Assert.Equal("In #rust (1): alice", Assert.IsType<Notice>(e).Text),
            e => Assert.Equal("In #general (2): alice, bob", Assert.IsType<Notice>(e).Text),
            e => Assert.Equal(ErrorCodes.NoSuchRoom, Assert.IsType<ErrorNotice>(e).Code),
            e => Assert.Equal((NoticeKind.Rooms, "Rooms: #general (2), #rust (1)"), (Assert.IsType<Notice>(e).Kind, ((Notice)e).Text)),
            e => Assert.Equal("#rust", Assert.IsType<MemberLeft>(e).Room),
            e => Assert.Equal(ErrorCodes.NotInRoom, Assert.IsType<ErrorNotice>(e).Code),
            e => Assert.Equal(ErrorCodes.RoomInvalid, Assert.IsType<ErrorNotice>(e).Code));
        Assert.Empty(members[1].Sink.Events);
    }
}
