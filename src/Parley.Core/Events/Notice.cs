namespace Parley.Core.Events;

/// <summary>Text from the server to one member (a command's answer, a welcome, a goodbye). May hold several lines.</summary>
public sealed class Notice(NoticeKind kind, string text, DateTimeOffset time) : ChatEvent(time)
{
    public NoticeKind Kind { get; } = kind;

    public string Text { get; } = text;
}
