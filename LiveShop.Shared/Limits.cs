namespace LiveShop.Shared;

/// <summary>Input limits shared by the server (which enforces them) and the client (which shows them).</summary>
public static class Limits
{
    public const int ShowTitleMaxLength = 200;
    public const int ShowDescriptionMaxLength = 2000;
    public const int LineupMaxProducts = 50;
    public const int DisplayNameMaxLength = 40;
    public const int EmailMaxLength = 256;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int VideoUrlMaxLength = 2000;

    /// <summary>How far ahead a show may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(365);
}
