namespace Parley.Core.Hub;

public enum RegistrationResult
{
    Registered,
    NickInvalid,
    NickTaken,
    ShuttingDown,
}
