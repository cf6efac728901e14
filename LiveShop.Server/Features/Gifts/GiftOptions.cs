using System.ComponentModel.DataAnnotations;

namespace LiveShop.Server.Features.Gifts;

/// <summary>Gifts, section <c>Gifts</c>.</summary>
public sealed class GiftOptions
{
    public const string Section = "Gifts";

    /// <summary>How often gifts past their days to be accepted are cancelled and refunded (seconds).</summary>
    [Range(1, 86400)]
    public int ExpireEverySeconds { get; set; } = 60;
}
