using System.Net;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A scripted IRC client over <see cref="RawClient"/>: sends lines (CR LF added), waits for lines by
/// command with a deadline, and answers nothing by itself.</summary>
public sealed class IrcClient : IAsyncDisposable
{
    private IrcClient(RawClient raw) => Raw = raw;

    public RawClient Raw { get; }

    public static async Task<IrcClient> ConnectAsync(IPEndPoint endPoint) => new(await RawClient.ConnectAsync(endPoint));

    public static async Task<IrcClient> ConnectTlsAsync(IPEndPoint endPoint) => new(await RawClient.ConnectTlsAsync(endPoint));

    /// <summary>Connects, registers with NICK and USER, and reads the welcome burst up to the end of the MOTD.</summary>
    public static async Task<IrcClient> RegisterAsync(IPEndPoint endPoint, string nick)
    {
        var client = await ConnectAsync(endPoint);
        await client.SendAsync($"NICK {nick}", $"USER {nick} 0 * :{nick} test");
        await client.ExpectAsync("376");
        return client;
    }

    public Task SendAsync(params string[] lines) => Raw.SendAsync(string.Concat(lines.Select(l => l + "\r\n")));

    /// <summary>The next line whose command (after tags and source) is <paramref name="command"/>; earlier lines are skipped.</summary>
    public async Task<string> ExpectAsync(string command, TimeSpan? timeout = null) =>
        await Raw.ReadLineUntilAsync(l => CommandOf(l) == command, timeout)
        ?? throw new EndOfStreamException($"Connection closed before {command}.");

    /// <summary>The next line containing <paramref name="text"/>.</summary>
    public async Task<string> ExpectTextAsync(string text, TimeSpan? timeout = null) =>
        await Raw.ReadLineUntilAsync(l => l.Contains(text, StringComparison.Ordinal), timeout)
        ?? throw new EndOfStreamException($"Connection closed before \"{text}\".");

    public Task<string?> ReadLineAsync(TimeSpan? timeout = null) => Raw.ReadLineAsync(timeout);

    public Task<bool> WaitForCloseAsync(TimeSpan? timeout = null) => Raw.WaitForCloseAsync(timeout);

    public static string CommandOf(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        if (i < parts.Length && parts[i].StartsWith('@'))
        {
            i++;
        }

        if (i < parts.Length && parts[i].StartsWith(':'))
        {
            i++;
        }

        return i < parts.Length ? parts[i] : string.Empty;
    }

    public ValueTask DisposeAsync() => Raw.DisposeAsync();
}
