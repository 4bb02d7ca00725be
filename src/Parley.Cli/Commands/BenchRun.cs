using System.Text.Json;

using Parley.Client.Bench;

using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>Runs a bench with the live display and the table, or silently with the JSON report; maps outcomes
/// to exit codes (0 measured, 1 the server could not be driven, 2 bad options).</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, bool json, CancellationToken cancellationToken)
    {
        if (options.Validate() is { } problem)
        {
            await Console.Error.WriteLineAsync($"parley bench: {problem}").ConfigureAwait(false);
            return 2;
        }

        SocketEngineTuning.PreferInlineCompletions();
        var runner = new BenchRunner(options);
        var run = runner.RunAsync(cancellationToken);
        var console = AnsiConsole.Console;
        if (!json && !Console.IsOutputRedirected)
        {
            await BenchProgressDisplay.ShowAsync(console, runner.Progress, run).ConfigureAwait(false);
        }

        BenchReport report;
        try
        {
            report = await run.ConfigureAwait(false);
        }
        catch (BenchHandshakeException ex)
        {
            await Console.Error.WriteLineAsync($"parley bench: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }

        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(stdout))
            {
                BenchReportJson.Write(writer, report);
            }

            stdout.WriteByte((byte)'\n');
        }
        else
        {
            console.Write(BenchReportTable.Build(report));
        }

        return 0;
    }
}
