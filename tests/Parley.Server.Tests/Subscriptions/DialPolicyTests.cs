using System.Net;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Parley.Server.Hosting;
using Parley.Server.Subscriptions;

namespace Parley.Server.Tests.Subscriptions;

/// <summary>The dial-back rule without sockets: which subscribe may make the server connect where.</summary>
public sealed class DialPolicyTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");

    [Theory]
    [InlineData("192.0.2.10:6000", "192.0.2.10:6000")]
    [InlineData("0.0.0.0:6000", "192.0.2.10:6000")]
    [InlineData("[::ffff:192.0.2.10]:6000", "192.0.2.10:6000")]
    public async Task Same_ip_dials_only_the_subscribers_own_address(string named, string target)
    {
        var plan = await PlanAsync(named, Client);
        Assert.False(plan.IsRefused, plan.Refusal);
        Assert.Equal(IPEndPoint.Parse(target), plan.Target);
    }

    [Theory]
    [InlineData("192.0.2.11:6000", "192.0.2.10")]
    [InlineData("127.0.0.1:6000", "192.0.2.10")]
    [InlineData("localhost:6000", "192.0.2.10")]
    [InlineData("127.0.0.2:6000", "127.0.0.1")]
    [InlineData("[::1]:6000", "127.0.0.1")]
    [InlineData("localhost:6000", "127.0.0.2")]
    [InlineData("192.0.2.10:80", "192.0.2.10")]
    [InlineData("192.0.2.10:1023", "192.0.2.10")]
    public async Task Same_ip_refuses_other_hosts_and_privileged_ports(string named, string from)
    {
        var plan = await PlanAsync(named, IPAddress.Parse(from));
        Assert.True(plan.IsRefused);
        Assert.Null(plan.Target);
    }

    [Fact]
    public async Task Localhost_from_a_loopback_client_dials_that_client_address()
    {
        var plan = await PlanAsync("localhost:6000", IPAddress.Loopback);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6000), plan.Target);
        Assert.Equal("localhost:6000", plan.Key);
    }

    [Fact]
    public async Task Allow_list_and_privileged_ports_widen_same_ip_when_configured()
    {
        var options = new ServerOptions { SubscribeDialAllow = ["198.51.100.0/24", "203.0.113.5"], SubscribeDialPrivilegedPorts = true };
        Assert.Equal(IPEndPoint.Parse("198.51.100.7:80"), (await PlanAsync("198.51.100.7:80", Client, options)).Target);
        Assert.Equal(IPEndPoint.Parse("203.0.113.5:7000"), (await PlanAsync("203.0.113.5:7000", Client, options)).Target);
        Assert.True((await PlanAsync("203.0.113.6:7000", Client, options)).IsRefused);
    }

    [Fact]
    public async Task Off_never_dials_and_any_dials_the_named_address()
    {
        var off = await PlanAsync("192.0.2.10:6000", Client, new ServerOptions { SubscribeDial = "off" });
        Assert.False(off.IsRefused);
        Assert.Null(off.Target);

        var any = await PlanAsync("198.51.100.7:6000", Client, new ServerOptions { SubscribeDial = "any" });
        Assert.Equal(IPEndPoint.Parse("198.51.100.7:6000"), any.Target);
    }

    [Fact]
    public void Bad_settings_are_rejected_at_start()
    {
        Assert.Throws<ArgumentException>(() => DialPolicy.ParseMode("everywhere"));
        Assert.Throws<ArgumentException>(() => DialPolicy.ParseNetwork("not-a-network"));
        Assert.Equal(32, DialPolicy.ParseNetwork("192.0.2.1").PrefixLength);
    }

    [Fact]
    public void Unspecified_host_is_keyed_by_the_subscribers_address()
    {
        Assert.True(SubscriberAddress.TryParse("0.0.0.0:6000", out var named));
        Assert.Equal("192.0.2.10:6000", DialPolicy.KeyFor(named, Client));
        Assert.True(SubscriberAddress.TryParse("192.0.2.10:6000", out var literal));
        Assert.Equal("192.0.2.10:6000", DialPolicy.KeyFor(literal, Client));
    }

    private static async Task<DialPlan> PlanAsync(string named, IPAddress from, ServerOptions? options = null)
    {
        Assert.True(SubscriberAddress.TryParse(named, out var address));
        using var services = new ServiceCollection().BuildServiceProvider();
        var policy = new DialPolicy(Options.Create(options ?? new ServerOptions()), services, TimeProvider.System);
        return await policy.PlanAsync(address, from, CancellationToken.None);
    }
}
