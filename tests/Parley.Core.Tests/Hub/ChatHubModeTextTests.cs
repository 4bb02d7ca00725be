using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>The IRC form of applied mode changes, as the cluster carries them between nodes, read back into changes.</summary>
public sealed class ChatHubModeTextTests
{
    [Theory]
    [InlineData("+nt", "+n +t")]
    [InlineData("+ok-l bob secret", "+o:bob +k:secret -l")]
    [InlineData("-k+l * 10", "-k:* +l:10")]
    [InlineData("+b-v+m eve!*@* carl", "+b:eve!*@* -v:carl +m")]
    [InlineData("", "")]
    [InlineData("+o", "")]
    public void Applied_modes_read_back_into_the_changes_that_made_them(string applied, string expected)
    {
        var changes = ChatHub.ParseApplied(applied);
        Assert.Equal(expected, string.Join(' ', changes.Select(c => (c.Add ? "+" : "-") + c.Mode + (c.Argument is null ? string.Empty : ":" + c.Argument))));
    }
}
