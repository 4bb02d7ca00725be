using System.Globalization;

using Parley.Core.Events;

namespace Parley.Server.Admission;

/// <summary>Why a connection was refused: an <see cref="ErrorCodes"/> code, the limit that applied, and the one
/// line the client is shown (in its listener's form) before the connection is closed.</summary>
public readonly record struct AdmissionRefusal(string Code, int Limit, string Text)
{
    public static AdmissionRefusal ServerFull(int limit) => new(
        ErrorCodes.ServerFull, limit, string.Create(CultureInfo.InvariantCulture, $"The server is full (at most {limit} connections); try again later."));

    public static AdmissionRefusal TooManyConnections(int limit) => new(
        ErrorCodes.TooManyConnections, limit, string.Create(CultureInfo.InvariantCulture, $"Too many connections from your address (at most {limit})."));

    public static AdmissionRefusal TooManyAttempts(int perSecond) => new(
        ErrorCodes.TooManyAttempts, perSecond, string.Create(CultureInfo.InvariantCulture, $"Too many connection attempts from your address (at most {perSecond} per second); try again later."));
}
