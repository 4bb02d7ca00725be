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
            var result = await Input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            var open = _connection.TakeFrames(result, _reader, _lines);
            foreach (var line in _lines)
            {
                // Fakelag: over its message budget, the client waits here and is not read meanwhile.
                if (!await _connection.AdmitAsync(aborted).ConfigureAwait(false))
                {
                    return "server closed the connection";
                }

                if (_member is { } me && string.Equals(line.Message?.Command, "PING", StringComparison.OrdinalIgnoreCase))
                {
                    // A PING is how a client checks it has everything: room events that waited for their room's
                    // turn go out first (not as part of a labeled answer), then the PONG.
                    _hub.DeliverWaiting(me);
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

            if (!open)
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
}
