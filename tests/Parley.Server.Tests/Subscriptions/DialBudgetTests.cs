using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using Parley.Server.Hosting;
using Parley.Server.Subscriptions;

namespace Parley.Server.Tests.Subscriptions;

public sealed class DialBudgetTests
{
    [Fact]
    public async Task Dial_starts_are_spaced_by_the_rate_and_bounded_in_number()
    {
        var clock = new FakeTimeProvider();
        using var budget = new DialBudget(Options.Create(new ServerOptions { SubscriberDialsPerSecond = 10, SubscriberMaxConcurrentDials = 2 }), clock);

        var first = await budget.AcquireAsync(CancellationToken.None);
        var second = budget.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var secondSlot = await second.WaitAsync(TimeSpan.FromSeconds(10));

        // Two dials in progress: a third waits for a slot even when its turn has come.
        var third = budget.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(third.IsCompleted);
        first.Dispose();
        first.Dispose();
        var thirdSlot = await third.WaitAsync(TimeSpan.FromSeconds(10));
        secondSlot.Dispose();
        thirdSlot.Dispose();
    }
}
