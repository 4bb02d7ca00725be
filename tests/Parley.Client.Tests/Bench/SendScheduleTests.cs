using Parley.Client.Bench;

namespace Parley.Client.Tests.Bench;

public sealed class SendScheduleTests
{
    [Fact]
    public void NothingIsDueBeforeTheFirstMessage()
    {
        var schedule = new SendSchedule(first: 1000, interval: 100);
        Assert.Equal(0, schedule.TakeDue(999, 64, out var lag, out var total));
        Assert.Equal((0L, 0L, 1000L), (lag, total, schedule.NextDue));
    }

    [Fact]
    public void ALateWakeUpCatchesUpInsteadOfDrifting()
    {
        var schedule = new SendSchedule(first: 0, interval: 100);
        Assert.Equal(1, schedule.TakeDue(0, 64, out _, out _));

        // Woken 350 late: messages due at 100, 200 and 300 all go now, the oldest 250 late.
        Assert.Equal(3, schedule.TakeDue(350, 64, out var oldest, out var total));
        Assert.Equal(250, oldest);
        Assert.Equal(250 + 150 + 50, total);
        Assert.Equal(400, schedule.NextDue);
    }

    [Fact]
    public void CatchingUpIsCappedPerCall()
    {
        var schedule = new SendSchedule(first: 0, interval: 10);
        Assert.Equal(4, schedule.TakeDue(1000, 4, out _, out _));
        Assert.Equal(4, schedule.Taken);
        Assert.Equal(40, schedule.NextDue);
    }

    [Fact]
    public void FractionalIntervalsDoNotAccumulateRoundingError()
    {
        // 3 messages per 10 units: after 3000 units exactly 900 (+1 for time 0) are due, whatever the rounding.
        var schedule = new SendSchedule(first: 0, interval: 10.0 / 3);
        long taken = 0;
        for (long now = 0; now <= 3000; now += 7)
        {
            taken += schedule.TakeDue(now, 64, out _, out _);
        }

        taken += schedule.TakeDue(3000, 64, out _, out _);
        Assert.Equal(901, taken);
    }
}
