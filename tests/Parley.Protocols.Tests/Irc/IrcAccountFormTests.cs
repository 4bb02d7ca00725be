using System.Runtime.InteropServices;
using System.Text;

using Parley.Core.Events;
using Parley.Core.History;
using Parley.Protocols.Irc;

namespace Parley.Protocols.Tests.Irc;

/// <summary>The account-tag and extended-join forms: what they add, and that an event they write like a smaller form
/// shares that form's cached bytes instead of a second encoding.</summary>
public sealed class IrcAccountFormTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero);

    [Fact]
    public void Account_tag_marks_messages_joins_and_invites_of_logged_in_members()
    {
        var form = IrcEventEncoder.For(serverTime: false, messageTags: true, accountTag: true);
        Assert.Equal("@msgid=7;account=alice :alice!alice@parley PRIVMSG #general :hi\r\n", Text(form, new MessagePosted(7, 0, "#general", "alice", "hi", At) { Account = "alice" }));
        Assert.Equal("@msgid=8;+typing=active;account=alice :alice!alice@parley TAGMSG bob\r\n", Text(form, new TagMessage(8, "alice", null, "bob", "+typing=active", At) { Account = "alice" }));
        Assert.Equal("@account=alice :alice!alice@parley JOIN #general\r\n", Text(form, new MemberJoined("#general", "alice", At) { Account = "alice" }));
        Assert.Equal("@account=alice :alice!alice@parley INVITE bob #den\r\n", Text(form, new MemberInvited("#den", "alice", "bob", At) { Account = "alice" }));
        Assert.Equal("@account=alice :alice!alice@parley PRIVMSG bob :psst\r\n", Text(IrcEventEncoder.For(false, false, accountTag: true), new DirectMessageSent(9, 0, "alice", "bob", "psst", At) { Account = "alice" }));
    }

    [Fact]
    public void Extended_join_names_the_account_or_a_star_and_the_real_name()
    {
        var form = IrcEventEncoder.For(serverTime: false, messageTags: false, extendedJoin: true);
        Assert.Equal(":alice!alice@parley JOIN #general alice :Alice Liddell\r\n", Text(form, new MemberJoined("#general", "alice", At) { Account = "alice", RealName = "Alice Liddell" }));
        Assert.Equal(":bob!bob@parley JOIN #general * :Parley user\r\n", Text(form, new MemberJoined("#general", "bob", At)));
    }

    [Fact]
    public void Account_changes_are_account_lines()
    {
        Assert.Equal(":alice!alice@parley ACCOUNT alice\r\n", Text(IrcEventEncoder.Plain, new AccountChanged("alice", "alice", At)));
        Assert.Equal(":alice!alice@parley ACCOUNT *\r\n", Text(IrcEventEncoder.Plain, new AccountChanged("alice", null, At)));
    }

    [Fact]
    public void Events_without_an_account_share_the_smaller_forms_bytes()
    {
        var guest = new MessagePosted(7, 0, "#general", "guest", "hi", At);
        var full = IrcEventEncoder.For(serverTime: true, messageTags: true, accountTag: true, extendedJoin: true);
        var plain = guest.GetEncoded(IrcEventEncoder.For(serverTime: true, messageTags: true));
        var shared = guest.GetEncoded(full);
        Assert.True(MemoryMarshal.TryGetArray(plain, out var a) && MemoryMarshal.TryGetArray(shared, out var b) && a.Array == b.Array);

        var member = new MessagePosted(8, 0, "#general", "alice", "hi", At) { Account = "alice" };
        Assert.Contains("account=alice", Encoding.UTF8.GetString(member.GetEncoded(full).Span), StringComparison.Ordinal);
        Assert.DoesNotContain("account=", Encoding.UTF8.GetString(member.GetEncoded(IrcEventEncoder.For(true, true)).Span), StringComparison.Ordinal);
    }

    [Fact]
    public void History_lines_carry_the_batch_time_and_msgid_the_client_negotiated()
    {
        var entry = new HistoryEntry(42, "#general", "alice", null, "hello", 0, At);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        IrcHistoryLines.Write(output, IrcEventEncoder.For(serverTime: true, messageTags: true), entry, "H1");
        Assert.Equal("@batch=H1;time=2026-11-22T01:02:03.456Z;msgid=42 :alice!alice@parley PRIVMSG #general :hello\r\n", Encoding.UTF8.GetString(output.WrittenSpan));

        output.ResetWrittenCount();
        IrcHistoryLines.Write(output, IrcEventEncoder.Plain, new HistoryEntry(43, null, "alice", "bob", "psst", 0, At), batch: null);
        Assert.Equal(":alice!alice@parley PRIVMSG bob :psst\r\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static string Text(IrcEventEncoder form, ChatEvent chatEvent) => Encoding.UTF8.GetString(form.Encode(chatEvent).Span);
}
