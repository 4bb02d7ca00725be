namespace Parley.Core.Events;

/// <summary>A refusal sent to one member. <see cref="Code"/> is one of <see cref="ErrorCodes"/>.</summary>
public sealed class ErrorNotice(string code, string text, DateTimeOffset time) : ChatEvent(time)
{
    public string Code { get; } = code;

    public string Text { get; } = text;
}
