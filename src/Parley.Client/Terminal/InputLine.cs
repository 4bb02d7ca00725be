using System.Text;

namespace Parley.Client.Terminal;

/// <summary>
/// The line being typed: text, cursor and history, with no terminal access so it is tested with plain
/// <see cref="ConsoleKeyInfo"/> values. Emacs-style keys, as in readline: Ctrl+A/E, Ctrl+U, Ctrl+W.
/// </summary>
public sealed class InputLine
{
    private const int MaxHistory = 200;
    private readonly StringBuilder _text = new();
    private readonly List<string> _history = [];
    private int _historyIndex;

    public string Text => _text.ToString();

    public int Cursor { get; private set; }

    public InputAction Apply(ConsoleKeyInfo key)
    {
        bool control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return InputAction.Submit;
            case ConsoleKey.C when control:
                return InputAction.Interrupt;
            case ConsoleKey.D when control && _text.Length == 0:
                return InputAction.EndOfInput;
            case ConsoleKey.D when control:
            case ConsoleKey.Delete:
                return Remove(Cursor, 1);
            case ConsoleKey.Backspace:
                return Cursor == 0 ? InputAction.None : Remove(--Cursor, 1);
            case ConsoleKey.LeftArrow:
                return Move(Cursor - 1);
            case ConsoleKey.RightArrow:
                return Move(Cursor + 1);
            case ConsoleKey.Home:
            case ConsoleKey.A when control:
                return Move(0);
            case ConsoleKey.End:
            case ConsoleKey.E when control:
                return Move(_text.Length);
            case ConsoleKey.U when control:
                _text.Remove(0, Cursor);
                Cursor = 0;
                return InputAction.Redraw;
            case ConsoleKey.W when control:
                return DeleteWordBack();
            case ConsoleKey.UpArrow:
                return Recall(_historyIndex - 1);
            case ConsoleKey.DownArrow:
                return Recall(_historyIndex + 1);
        }

        if (control || char.IsControl(key.KeyChar) || key.KeyChar == '\0')
        {
            return InputAction.None;
        }

        _text.Insert(Cursor++, key.KeyChar);
        return InputAction.Redraw;
    }

    /// <summary>Hands over the submitted line, remembers it for Up/Down and starts an empty one.</summary>
    public string Take()
    {
        var line = _text.ToString();
        if (line.Length > 0 && (_history.Count == 0 || _history[^1] != line))
        {
            if (_history.Count == MaxHistory)
            {
                _history.RemoveAt(0);
            }

            _history.Add(line);
        }

        _historyIndex = _history.Count;
        _text.Clear();
        Cursor = 0;
        return line;
    }

    private InputAction Remove(int index, int count)
    {
        if (index < 0 || index >= _text.Length)
        {
            return InputAction.None;
        }

        _text.Remove(index, Math.Min(count, _text.Length - index));
        return InputAction.Redraw;
    }

    private InputAction Move(int position)
    {
        if (position < 0 || position > _text.Length || position == Cursor)
        {
            return InputAction.None;
        }

        Cursor = position;
        return InputAction.Redraw;
    }

    private InputAction DeleteWordBack()
    {
        int start = Cursor;
        while (start > 0 && _text[start - 1] == ' ')
        {
            start--;
        }

        while (start > 0 && _text[start - 1] != ' ')
        {
            start--;
        }

        _text.Remove(start, Cursor - start);
        Cursor = start;
        return InputAction.Redraw;
    }

    private InputAction Recall(int index)
    {
        if (index < 0 || index > _history.Count)
        {
            return InputAction.None;
        }

        _historyIndex = index;
        _text.Clear().Append(index == _history.Count ? string.Empty : _history[index]);
        Cursor = _text.Length;
        return InputAction.Redraw;
    }
}
