using Parley.Protocols.Irc;
using Parley.Server.Connections;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    /// <summary>Reads lines until the client quits or leaves, or the core closes the connection; returns the departure reason.</summary>
    private async Task<string> ReadLoopAsync(CancellationToken aborted)
    {
        while (!_connection.IsClosing)
        {
            // No token: see JsonSession. The core cancels this read when it closes the connection.
            var result = await Input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty && !result.IsCanceled)
            {
                _connection.NoteActivity();
                Volatile.Write(ref _lastActivity, _time.GetTimestamp());
            }

            var consumed = buffer.Start;
            var examined = buffer.End;
            _lines.Clear();
            while (true)
            {
                var rest = buffer.Slice(consumed);
                var at = rest.Start;
                var seen = rest.End;
                if (!_reader.TryParse(rest, ref at, ref seen, out var line))
                {
                    consumed = at;
                    examined = seen;
                    break;
                }

                consumed = examined = at;
                _lines.Add(line);
            }

            Input.AdvanceTo(consumed, examined);
            foreach (var line in _lines)
            {
                // Fakelag: over its message budget, the client waits here and is not read meanwhile.
                if (!await _connection.AdmitAsync(aborted).ConfigureAwait(false))
                {
                    return "server closed the connection";
                }

                BeginLabel(line.Message);
                await HandleLineAsync(line, aborted).ConfigureAwait(false);
                Flush();
                EndLabel();
                if (_quitting)
                {
                    return _quitReason;
                }
            }

            if (result.IsCompleted)
            {
                return "connection closed";
            }
        }

        return "server closed the connection";
    }

    private ValueTask HandleLineAsync(IrcLine line, CancellationToken aborted)
    {
        switch (line.Error)
        {
            case IrcLineError.TooLong:
                Numeric("417", "Input line was too long");
                return ValueTask.CompletedTask;
            case IrcLineError.Malformed:
                Numeric("421", "*", "Unknown command");
                return ValueTask.CompletedTask;
            default:
                return DispatchAsync(line.Message!, aborted);
        }
    }

    /// <summary>
    /// PING when the client has been silent for <c>IrcPingInterval</c>; closes it when nothing came for that long
    /// plus <c>IrcPingTimeout</c>. Reads only the activity time and sends through the core (thread-safe).
    /// </summary>
    private async Task PingLoopAsync(CancellationToken stop)
    {
        var interval = _options.IrcPingInterval;
        var check = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 10, Math.Min(interval.Ticks, _options.IrcPingTimeout.Ticks) / 4));
        var pinged = false;
        try
        {
            while (!stop.IsCancellationRequested && !_connection.IsClosing)
            {
                await Task.Delay(check, _time, stop).ConfigureAwait(false);
                var silent = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
                if (silent < interval)
                {
                    pinged = false;
                    continue;
                }

                if (silent > interval + _options.IrcPingTimeout)
                {
                    LogPingTimeout(Who, (int)silent.TotalSeconds);
                    _connection.Close(CloseReason.IdleTimeout);
                    return;
                }

                if (!pinged)
                {
                    pinged = true;
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>(32);
                    IrcWriter.Write(buffer, null, null, "PING", [ServerName], trailing: true);
                    _connection.Send(buffer.WrittenMemory);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            LogPingLoopFault(Who, ex);
        }
    }
}
