using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Server.Hosting;

namespace Parley.Server.Tests.Cluster;

/// <summary>Every limit of the cluster code is a named setting under Parley:Cluster, checked when the server starts
/// (settings are validated before any store or listener opens, so no database is needed to refuse them).</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData("RoomStateWindow", "00:00:00")]
    [InlineData("RoomStateWindow", "2.00:00:00")]
    [InlineData("MaxHeardPerRoom", "0")]
    [InlineData("CatchUpPageSize", "0")]
    [InlineData("ReconnectMinDelay", "00:00:00")]
    [InlineData("ReconnectMinDelay", "00:00:06")]
    public async Task An_out_of_range_cluster_setting_stops_the_start(string name, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Server:TextPort"] = "0",
            ["Parley:Server:JsonPort"] = "0",
            ["Parley:Server:HttpPort"] = "0",
            ["Parley:Server:IrcPort"] = "0",
            ["Parley:Server:Host"] = "127.0.0.1",
            ["Parley:History:Data"] = ":memory:",
            ["Parley:Cluster:" + name] = value,
        };
        await using var host = ParleyServerHost.Create(settings, null, logging => logging.ClearProviders());
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(name, refused.Message, StringComparison.Ordinal);
    }
}
