using Parley.Client.Bench;

namespace Parley.Client.Tests.Bench;

public sealed class ProcStatsTests
{
    [Fact]
    public void CpuIsUserPlusSystemTicks()
    {
        // A command name with spaces and parentheses must not shift the fields.
        const string stat = "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 12 0 100 1000000 2000 18446744073709551615";
        Assert.True(ProcStats.TryParseCpuSeconds(stat, out var seconds));
        Assert.Equal(3.25, seconds, 6);
    }

    [Fact]
    public void RssComesFromVmRss()
    {
        const string status = "Name:\tparley\nVmPeak:\t  999999 kB\nVmRSS:\t   81234 kB\nThreads:\t12\n";
        Assert.True(ProcStats.TryParseRssKiB(status, out var kib));
        Assert.Equal(81234, kib);
    }

    [Fact]
    public void MalformedInputIsNotASample()
    {
        Assert.False(ProcStats.TryParseCpuSeconds("4242 no parenthesis", out _));
        Assert.False(ProcStats.TryParseRssKiB("Name:\tkthreadd\n", out _));
    }

    [Fact]
    public void ThisProcessCanBeSampled()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.True(ProcStats.TryRead(Environment.ProcessId, out var sample));
        Assert.True(sample.RssKiB > 0);
        Assert.True(sample.CpuSeconds >= 0);
    }
}
