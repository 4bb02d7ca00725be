using Parley.Client.Terminal;

namespace Parley.Client.Tests.Terminal;

public sealed class InputLineTests
{
    [Fact]
    public void EditsInTheMiddleAndSubmits()
    {
        var line = new InputLine();
        Type(line, "hllo");
        Press(line, ConsoleKey.Home);
        Press(line, ConsoleKey.RightArrow);
        Type(line, "e");
        Assert.Equal(("hello", 2), (line.Text, line.Cursor));
        Press(line, ConsoleKey.End);
        Press(line, ConsoleKey.Backspace);
        Assert.Equal(InputAction.Submit, Press(line, ConsoleKey.Enter));
        Assert.Equal("hell", line.Take());
        Assert.Equal(("", 0), (line.Text, line.Cursor));
    }

    [Fact]
    public void RecallsHistoryWithArrows()
    {
        var line = new InputLine();
        Type(line, "one");
        line.Take();
        Type(line, "two");
        line.Take();
        Press(line, ConsoleKey.UpArrow);
        Press(line, ConsoleKey.UpArrow);
        Assert.Equal("one", line.Text);
        Press(line, ConsoleKey.DownArrow);
        Press(line, ConsoleKey.DownArrow);
        Assert.Equal("", line.Text);
    }

    [Fact]
    public void ControlKeysLeaveOrEdit()
    {
        var line = new InputLine();
        Assert.Equal(InputAction.EndOfInput, Press(line, ConsoleKey.D, control: true));
        Assert.Equal(InputAction.Interrupt, Press(line, ConsoleKey.C, control: true));
        Type(line, "hello big world");
        Press(line, ConsoleKey.W, control: true);
        Assert.Equal("hello big ", line.Text);
        Assert.Equal(InputAction.Redraw, Press(line, ConsoleKey.U, control: true));
        Assert.Equal("", line.Text);
    }

    private static void Type(InputLine line, string text)
    {
        foreach (var c in text)
        {
            Assert.Equal(InputAction.Redraw, line.Apply(new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false)));
        }
    }

    private static InputAction Press(InputLine line, ConsoleKey key, bool control = false) =>
        line.Apply(new ConsoleKeyInfo(key == ConsoleKey.Enter ? '\r' : '\0', key, false, false, control));
}
