using System.Globalization;

using Spectre.Console;

namespace Parley.Client.Bench;

/// <summary>The live progress line set of `parley bench`, redrawn a few times a second until the run ends.</summary>
public static class BenchProgressDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static async Task ShowAsync(IAnsiConsole console, Func<BenchProgressSnapshot> progress, Task run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(run);
        var table = new Table().Border(TableBorder.Simple).AddColumns("phase", "joined", "sent", "received", "received/s", "disconnects", "elapsed");
        table.AddRow(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        await console.Live(table).AutoClear(true).StartAsync(async live =>
        {
            var lastReceived = 0L;
            var lastAt = TimeSpan.Zero;
            while (true)
            {
                var snapshot = progress();
                var seconds = (snapshot.Elapsed - lastAt).TotalSeconds;
                var perSecond = seconds > 0 ? (snapshot.Received - lastReceived) / seconds : 0;
                lastReceived = snapshot.Received;
                lastAt = snapshot.Elapsed;
                table.UpdateCell(0, 0, Markup.Escape(snapshot.Phase));
                table.UpdateCell(0, 1, $"{snapshot.Connected}/{snapshot.Clients}" + (snapshot.ConnectFailures > 0 ? $" ({snapshot.ConnectFailures} failed)" : string.Empty));
                table.UpdateCell(0, 2, snapshot.Sent.ToString("N0", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 3, snapshot.Received.ToString("N0", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 4, perSecond.ToString("N0", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 5, snapshot.Disconnects.ToString(CultureInfo.InvariantCulture));
                table.UpdateCell(0, 6, snapshot.Elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture));
                live.Refresh();
                if (run.IsCompleted)
                {
                    return;
                }

                await Task.WhenAny(run, Task.Delay(Refresh)).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }
}
