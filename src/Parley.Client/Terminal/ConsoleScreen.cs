using System.Text;

using Spectre.Console;

namespace Parley.Client.Terminal;

/// <summary>
/// The bottom row is the input line; everything else scrolls above it. Every write goes through one lock:
/// erase the input row (<c>CR</c>, <c>ESC[2K</c>), print the new line, redraw the prompt and the input with
/// the cursor where it was. The input is scrolled horizontally and never wraps, because erasing a wrapped
/// row would need to know how the terminal wrapped it.
/// </summary>
public sealed class ConsoleScreen
{
    private const string EraseRow = "\r\u001b[2K";
    private readonly Lock _lock = new();
    private readonly IAnsiConsole _console;
    private readonly TextWriter _raw;
    private readonly InputLine _input;
    private string _prompt;

    /// <param name="raw">The writer behind <paramref name="console"/>, for cursor control that Spectre does not model.</param>
    public ConsoleScreen(IAnsiConsole console, TextWriter raw, InputLine input, string prompt)
    {
        _console = console;
        _raw = raw;
        _input = input;
        _prompt = prompt;
    }

    public void WriteAbove(string markup)
    {
        lock (_lock)
        {
            _raw.Write(EraseRow);
            _console.MarkupLine(markup);
            DrawInput();
        }
    }

    /// <summary>Changes the prompt (the current room is part of it) and redraws the input line.</summary>
    public void SetPrompt(string prompt)
    {
        lock (_lock)
        {
            _prompt = prompt;
            DrawInput();
        }
    }

    public void RedrawInput()
    {
        lock (_lock)
        {
            DrawInput();
        }
    }

    /// <summary>Leaves the terminal on a clean row for the shell.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _raw.Write(EraseRow);
            _raw.Flush();
        }
    }

    private void DrawInput()
    {
        var text = _input.Text;
        int cursor = _input.Cursor;
        int room = Math.Max(8, WindowWidth() - _prompt.Length - 1);
        int start = Math.Max(0, cursor - room);
        var visible = text.AsSpan(start, Math.Min(room, text.Length - start));

        // One write per redraw so the terminal never shows a half-drawn row.
        var frame = new StringBuilder(EraseRow.Length + _prompt.Length + visible.Length + 16);
        frame.Append(EraseRow).Append(_prompt);
        foreach (var c in visible)
        {
            frame.Append(char.IsControl(c) ? ' ' : c);
        }

        frame.Append('\r');
        int column = _prompt.Length + (cursor - start);
        if (column > 0)
        {
            frame.Append("\u001b[").Append(column).Append('C');
        }

        _raw.Write(frame.ToString());
        _raw.Flush();
    }

    private static int WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
