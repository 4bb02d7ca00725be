using Parley.Server.Weather;

namespace Parley.Server.Tests.Weather;

public sealed class KansasCityClimateNormalsTests
{
    [Fact]
    public void Table_has_twelve_months_in_order()
    {
        Assert.True(KansasCityClimateNormals.IsAvailable);
        Assert.Equal(Enumerable.Range(1, 12), KansasCityClimateNormals.Months.Select(m => m.Month));
    }

    [Fact]
    public void Every_months_high_is_above_its_low_and_plausible_for_Kansas_City()
    {
        Assert.All(KansasCityClimateNormals.Months, m =>
        {
            Assert.True(m.HighF > m.LowF, $"month {m.Month}");
            Assert.InRange(m.HighF, 20, 110);
            Assert.InRange(m.LowF, -10, 80);
        });
        Assert.True(KansasCityClimateNormals.Months[6].HighF > KansasCityClimateNormals.Months[0].HighF, "July is warmer than January");
    }

    [Fact]
    public void Figures_are_pinned_to_the_cited_source()
    {
        // January and July as printed in the NCDC table the class cites; a change here needs a new citation.
        Assert.Equal(new MonthlyNormal(1, 41, 21), KansasCityClimateNormals.Months[0]);
        Assert.Equal(new MonthlyNormal(7, 90, 71), KansasCityClimateNormals.Months[6]);
    }
}
