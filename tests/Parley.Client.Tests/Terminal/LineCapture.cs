using System.Text;
using System.Threading.Channels;

namespace Parley.Client.Tests.Terminal;

/// <summary>A thread-safe writer that hands over each completed line, so tests await output instead of sleeping.</summary>
internal sealed class LineCapture : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _current = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _all];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n')
            {
                var line = _current.ToString().TrimEnd('\r');
                _current.Clear();
                _all.Add(line);
                _lines.Writer.TryWrite(line);
            }
            else
            {
                _current.Append(value);
            }
        }
    }

    /// <summary>Skips lines until one satisfies <paramref name="match"/>.</summary>
    public async Task<string> NextMatchingAsync(Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(timeout.Token);
            if (match(line))
            {
                return line;
            }
        }
    }

    public async Task<List<string>> NextLinesAsync(int count)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (lines.Count < count)
        {
            lines.Add(await _lines.Reader.ReadAsync(timeout.Token));
        }

        return lines;
    }
}
