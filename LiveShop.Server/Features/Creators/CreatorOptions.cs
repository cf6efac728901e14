namespace LiveShop.Server.Features.Creators;

/// <summary>Configuration section <c>Creators</c>.</summary>
public sealed class CreatorOptions
{
    public const string Section = "Creators";

    /// <summary>
    /// A creator's commission on an order is confirmed this many days after the order was delivered (the buyer's
    /// return period; Taiwan's cooling-off period for distance sales is 7 days), pending until then. Default 7.
    /// </summary>
    public int ConfirmAfterDays { get; set; } = 7;

    /// <summary>How far back a creator's shows list reaches for ended shows whose replay still sells. Default 30 days.</summary>
    public int ReplayDays { get; set; } = 30;

    public TimeSpan ConfirmAfter => TimeSpan.FromDays(ConfirmAfterDays);
}
