using Parley.Core.Events;
using Parley.Core.Weather;

namespace Parley.Core.Commands;

public sealed partial class CommandDispatcher
{
    // /weather [place]
    private async ValueTask<InputOutcome> WeatherAsync(CommandContext context)
    {
        var place = context.Arguments.Length == 0 ? null : context.Arguments;
        var report = await Weather.GetForecastAsync(place, context.CancellationToken).ConfigureAwait(false);
        if (report.Source == WeatherSource.Unavailable)
        {
            context.Fail(ErrorCodes.WeatherUnavailable, report.ToText());
        }
        else
        {
            context.Reply(NoticeKind.Weather, report.ToText());
        }

        return InputOutcome.Continue;
    }
}
