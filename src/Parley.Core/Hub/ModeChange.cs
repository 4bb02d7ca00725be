namespace Parley.Core.Hub;

/// <summary>One channel mode change: <c>+o bob</c> is (true, 'o', "bob"). Letters: o v b k l i m t n s.</summary>
public readonly record struct ModeChange(bool Add, char Mode, string? Argument);
