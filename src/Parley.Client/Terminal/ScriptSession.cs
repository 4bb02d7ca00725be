using System.Net.Sockets;

using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>
/// Script mode: every input line is sent, every event becomes one plain line on the output. After the input
/// ends, keeps reading until nothing has arrived for the linger period, then says goodbye. Cancelling the
/// token (Ctrl+C) also says goodbye; it never skips the DISCONNECT line.
/// </summary>
public sealed class ScriptSession
{
    private readonly IChatConnection _connection;
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TextWriter _diagnostics;
    private readonly TimeSpan _linger;
    private readonly TimeProvider _time;
    private readonly SessionView _view;
    private long _lastArrival;

    /// <param name="view">Follows the current room and name; without one, every room is named on messages.</param>
    public ScriptSession(
        IChatConnection connection, TextReader input, TextWriter output, TextWriter diagnostics, TimeSpan linger, TimeProvider? time = null, SessionView? view = null)
    {
        _connection = connection;
        _input = input;

        // Synchronized: the input loop prints the local /help list while the printer prints events.
        _output = TextWriter.Synchronized(output);
        _diagnostics = diagnostics;
        _linger = linger;
        _time = time ?? TimeProvider.System;
        _view = view ?? new SessionView(string.Empty);
    }

    private enum InputEnd
    {
        EndOfInput,
        Quit,
        SendFailed,
    }

    /// <summary>Runs on an already registered connection; the caller disposes it.</summary>
    public async Task<SessionEnd> RunAsync(CancellationToken cancellationToken)
    {
        // The printer is not cancelled by the token: after Ctrl+C it still shows the server's goodbye.
        var printer = PrintEventsAsync();

        // Task.Run: Console.In reads synchronously even through ReadLineAsync, and must not block the printer.
        var sender = Task.Run(() => SendInputAsync(cancellationToken), CancellationToken.None);
        try
        {
            if (await Task.WhenAny(printer, sender).ConfigureAwait(false) == printer)
            {
                return await printer.ConfigureAwait(false);
            }

            var inputEnd = await sender.ConfigureAwait(false);
            if (inputEnd == InputEnd.SendFailed)
            {
                return await printer.WaitAsync(ClientOptions.GoodbyeTimeout, CancellationToken.None).ConfigureAwait(false);
            }

            if (inputEnd == InputEnd.EndOfInput)
            {
                await LingerAsync(printer, cancellationToken).ConfigureAwait(false);
                if (printer.IsCompleted)
                {
                    return await printer.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: fall through to the goodbye.
        }

        return await LeaveAsync(printer).ConfigureAwait(false);
    }

    private async Task<SessionEnd> LeaveAsync(Task<SessionEnd> printer)
    {
        using var timeout = new CancellationTokenSource(ClientOptions.GoodbyeTimeout);
        await _connection.DisconnectAsync(timeout.Token).ConfigureAwait(false);
        try
        {
            await printer.WaitAsync(ClientOptions.GoodbyeTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _diagnostics.WriteLineAsync("parley: the server did not close the connection after DISCONNECT").ConfigureAwait(false);
        }

        return SessionEnd.Left;
    }

    private async Task<InputEnd> SendInputAsync(CancellationToken cancellationToken)
    {
        while (await _input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (QuitWords.IsQuit(line))
            {
                return InputEnd.Quit;
            }

            if (LocalHelp.IsHelp(line))
            {
                await _output.WriteLineAsync(LocalHelp.Text).ConfigureAwait(false);
            }

            try
            {
                await _connection.SendAsync(line, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                return InputEnd.SendFailed;
            }
        }

        return InputEnd.EndOfInput;
    }

    /// <summary>Returns once nothing has arrived for the linger period, or the server ended the session.</summary>
    private async Task LingerAsync(Task printer, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastArrival, _time.GetTimestamp());
        while (!printer.IsCompleted)
        {
            var remaining = _linger - _time.GetElapsedTime(Volatile.Read(ref _lastArrival));
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.WhenAny(printer, Task.Delay(remaining, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<SessionEnd> PrintEventsAsync()
    {
        var end = SessionEnd.Left;
        await foreach (var clientEvent in _connection.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            Volatile.Write(ref _lastArrival, _time.GetTimestamp());
            if (clientEvent is ConnectionLost lost)
            {
                await _diagnostics.WriteLineAsync($"parley: Connection to the server was lost ({lost.Reason}).").ConfigureAwait(false);
                end = SessionEnd.ConnectionLost;
                continue;
            }

            _view.Apply(clientEvent);
            if (ScriptEventFormatter.Format(clientEvent, _view) is { } text)
            {
                await _output.WriteLineAsync(text).ConfigureAwait(false);
                await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (clientEvent is ServerShuttingDown)
            {
                end = SessionEnd.ServerShutdown;
            }
        }

        return end;
    }
}
