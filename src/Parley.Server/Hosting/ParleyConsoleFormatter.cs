using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

using Parley.Core.Text;

namespace Parley.Server.Hosting;

/// <summary>One short line per log entry, "HH:mm:ss message", so the server console reads like a chat transcript;
/// warnings and errors say so; a warning's exception is summed up in one line, an error's stack trace follows.</summary>
public sealed class ParleyConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "parley";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var now = options.CurrentValue.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
        textWriter.Write(now.ToString("HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => string.Empty,
        });
        // Chat text and refused names reach log messages: one entry is one console line, with no raw control
        // character in it (a "\n" in a message must not print a forged line, an ESC must not drive the terminal).
        textWriter.Write(TerminalText.Neutralize(message));
        if (logEntry.Exception is { } exception)
        {
            // A warning is an expected trouble (a peer vanished, a service is down): its reason is enough.
            textWriter.WriteLine(logEntry.LogLevel < LogLevel.Error ? $" ({exception.GetType().Name}: {TerminalText.Neutralize(exception.Message)})" : Environment.NewLine + exception);
        }
        else
        {
            textWriter.WriteLine();
        }
    }
}
