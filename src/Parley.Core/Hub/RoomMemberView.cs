namespace Parley.Core.Hub;

/// <summary>One member of a <see cref="RoomView"/> with its room privileges.</summary>
public readonly record struct RoomMemberView(Member Member, bool IsOperator, bool IsVoiced);
