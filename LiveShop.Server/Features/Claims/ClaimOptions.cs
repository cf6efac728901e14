using System.ComponentModel.DataAnnotations;

namespace LiveShop.Server.Features.Claims;

/// <summary>"+1" claims, section <c>Claims</c>.</summary>
public sealed class ClaimOptions
{
    public const string Section = "Claims";

    /// <summary>How often unpaid claims past their time are released (seconds).</summary>
    [Range(1, 3600)]
    public int ExpireEverySeconds { get; set; } = 5;
}
