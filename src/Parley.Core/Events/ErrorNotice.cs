namespace Parley.Core.Events;

/// <summary>A refusal sent to one member. <see cref="Code"/> is one of <see cref="ErrorCodes"/>. <see cref="IsBare"/>
/// marks a text that a tutorial client expects exactly as it is ("NICKNAME IN USE"): text dialects show it
/// without their "error: " label.</summary>
public sealed class ErrorNotice(string code, string text, DateTimeOffset time, bool isBare = false) : ChatEvent(time)
{
    public string Code { get; } = code;

    public string Text { get; } = text;

    public bool IsBare { get; } = isBare;
}
