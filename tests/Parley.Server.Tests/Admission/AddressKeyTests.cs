using System.Net;

using Parley.Server.Admission;

namespace Parley.Server.Tests.Admission;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", "10.0.0.2", false)]
    [InlineData("2001:db8::1", "2001:db8::ffff:1", true)]
    [InlineData("2001:db8:0:0::1", "2001:db8:0:1::1", false)]
    [InlineData("::1", "::2", true)]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.2", false)]
    public void SameKeyOnlyForOneIPv4AddressOrOneIPv6SlashSixtyFour(string left, string right, bool same) =>
        Assert.Equal(same, AddressKey.Of(IPAddress.Parse(left)) == AddressKey.Of(IPAddress.Parse(right)));
}
