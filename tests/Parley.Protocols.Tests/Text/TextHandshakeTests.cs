using System.Text;

using Parley.Protocols.Text;

namespace Parley.Protocols.Tests.Text;

public sealed class TextHandshakeTests
{
    [Theory]
    [InlineData("REGISTER alice CHAT/1.0", "alice")]
    [InlineData("register alice chat/1.0", "alice")]
    [InlineData("Register Alice Chat/1.0", "Alice")]
    [InlineData("  REGISTER    alice   CHAT/1.0  ", "alice")]
    [InlineData("REGISTER\talice\t\tCHAT/1.0\t", "alice")]
    [InlineData("REGISTER al!ce CHAT/1.0", "al!ce")]
    public void Register_is_parsed_liberally(string line, string user)
    {
        Assert.True(TextHandshake.TryParseRegister(line, out var parsed));
        Assert.Equal(user, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("REGISTER")]
    [InlineData("REGISTER alice")]
    [InlineData("REGISTER CHAT/1.0")]
    [InlineData("REGISTER alice CHAT/2.0")]
    [InlineData("REGISTER alice CHAT/1.0 extra")]
    [InlineData("REGISTER alice bob CHAT/1.0")]
    [InlineData("REGISTERalice CHAT/1.0")]
    [InlineData("DISCONNECT alice CHAT/1.0")]
    [InlineData("alice")]
    public void Malformed_registers_are_refused(string line)
    {
        Assert.False(TextHandshake.TryParseRegister(line, out var user));
        Assert.Equal(string.Empty, user);
    }

    [Theory]
    [InlineData("DISCONNECT alice CHAT/1.0", true, "alice")]
    [InlineData(" disconnect  alice\tchat/1.0 ", true, "alice")]
    [InlineData("DISCONNECT alice", false, "")]
    [InlineData("DISCONNECT CHAT/1.0", false, "")]
    [InlineData("REGISTER alice CHAT/1.0", false, "")]
    public void Disconnect_is_parsed_like_register(string line, bool ok, string user)
    {
        Assert.Equal(ok, TextHandshake.TryParseDisconnect(line, out var parsed));
        Assert.Equal(user, parsed);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("R", true)]
    [InlineData("reg", true)]
    [InlineData("REGISTER alice CHAT/1.0", true)]
    [InlineData("rEgIsTeR", true)]
    [InlineData("NICK", false)]
    [InlineData("REGX", false)]
    [InlineData(" REGISTER", false)]
    public void LooksLikeRegister_judges_the_bytes_so_far(string firstBytes, bool expected)
    {
        Assert.Equal(expected, TextHandshake.LooksLikeRegister(Encoding.UTF8.GetBytes(firstBytes)));
    }

    [Theory]
    [InlineData(TextDialect.Prompted, "alice", "alice: hi", "hi")]
    [InlineData(TextDialect.Prompted, "alice", "ALICE: hi", "hi")]
    [InlineData(TextDialect.Prompted, "Alice", "alice: hi", "hi")]
    [InlineData(TextDialect.Prompted, "alice", "alice:hi", "hi")]
    [InlineData(TextDialect.Prompted, "alice", "alice:  hi", " hi")]
    [InlineData(TextDialect.Prompted, "alice", "alice: bob: hi", "bob: hi")]
    [InlineData(TextDialect.Prompted, "alice", "bob: hi", "bob: hi")]
    [InlineData(TextDialect.Prompted, "alice", "alicex: hi", "alicex: hi")]
    [InlineData(TextDialect.Prompted, "alice", "ali: hi", "ali: hi")]
    [InlineData(TextDialect.Prompted, "alice", "alice hi", "alice hi")]
    [InlineData(TextDialect.Prompted, "alice", "@alice: hi", "@alice: hi")]
    [InlineData(TextDialect.Prompted, "alice", "hi alice: there", "hi alice: there")]
    [InlineData(TextDialect.Prompted, "alice", "alice", "alice")]
    [InlineData(TextDialect.Prompted, "alice", "", "")]
    [InlineData(TextDialect.Registered, "alice", "@alice: hi", "hi")]
    [InlineData(TextDialect.Registered, "alice", "@ALICE:hi", "hi")]
    [InlineData(TextDialect.Registered, "alice", "@bob: hi", "@bob: hi")]
    [InlineData(TextDialect.Registered, "alice", "alice: hi", "alice: hi")]
    [InlineData(TextDialect.Registered, "alice", "@alice hi", "hi")]
    [InlineData(TextDialect.Registered, "alice", "@Alice  hi", " hi")]
    [InlineData(TextDialect.Registered, "alice", "@alicex hi", "@alicex hi")]
    [InlineData(TextDialect.Registered, "alice", "@alice", "")]
    [InlineData(TextDialect.Registered, "alice", "@alice:", "")]
    [InlineData(TextDialect.Registered, "alice", "@", "@")]
    [InlineData(TextDialect.Registered, "alice", "hi", "hi")]
    public void StripSenderPrefix_drops_only_the_senders_own_prefix(TextDialect dialect, string nick, string text, string expected)
    {
        Assert.Equal(expected, TextHandshake.StripSenderPrefix(dialect, nick, text));
    }

    [Theory]
    [InlineData(TextDialect.Prompted, "kim", "kim: onekim: two", new[] { "kim: one", "kim: two" })]
    [InlineData(TextDialect.Prompted, "kim", "kim: one", new[] { "kim: one" })]
    [InlineData(TextDialect.Prompted, "kim", "kim: I said kim is here", new[] { "kim: I said kim is here" })]
    [InlineData(TextDialect.Registered, "lee", "@lee: a@lee: b", new[] { "@lee: a", "@lee: b" })]
    [InlineData(TextDialect.Registered, "lee", "@lee a@lee b", new[] { "@lee a", "@lee b" })]
    [InlineData(TextDialect.Registered, "lee", "@lee: byeDISCONNECT lee CHAT/1.0", new[] { "@lee: bye", "DISCONNECT lee CHAT/1.0" })]
    public void SplitBurst_splits_at_the_senders_own_prefix(TextDialect dialect, string nick, string burst, string[] expected)
    {
        Assert.Equal(expected, TextHandshake.SplitBurst(dialect, nick, burst));
    }
}
