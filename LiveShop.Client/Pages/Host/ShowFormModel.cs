using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using static LiveShop.Client.Resources.HostTextLocalizer;

namespace LiveShop.Client.Pages.Host;

/// <summary>What the create and edit forms of a show hold, in the units people type (local time, percent).</summary>
public sealed class ShowFormModel
{
    [Required(ErrorMessageResourceType = typeof(ShowFormModel), ErrorMessageResourceName = nameof(TitleRequiredMessage))]
    [StringLength(Limits.ShowTitleMaxLength, ErrorMessageResourceType = typeof(ShowFormModel), ErrorMessageResourceName = nameof(TitleTooLongMessage))]
    public string Title { get; set; } = "";

    [StringLength(Limits.ShowDescriptionMaxLength)]
    public string? Description { get; set; }

    /// <summary>The start in the device's local time, as <c>datetime-local</c> inputs write it (<c>yyyy-MM-ddTHH:mm</c>).</summary>
    public string StartsAt { get; set; } = "";

    public string Currency { get; set; } = Currencies.Twd;

    public VideoSourceKind VideoKind { get; set; } = VideoSourceKind.StreamUrl;

    public string? VideoUrl { get; set; } = "/media/demo.mp4";

    /// <summary>The host's commission on GMV, in percent (10 % unless changed).</summary>
    public decimal CommissionPercent { get; set; } = 10m;

    public string? CoHostEmail { get; set; }

    /// <summary>The co-host's part of the commission, in percent.</summary>
    public decimal CoHostPercent { get; set; } = 50m;

    /// <summary>The lineup's products, in show order.</summary>
    public IReadOnlyList<Guid> Lineup { get; set; } = [];

    /// <summary>The validation sentences, in the person's language when the form validates (the attributes read them then).</summary>
    public static string TitleRequiredMessage => L["Give the show a title."];

    /// <inheritdoc cref="TitleRequiredMessage"/>
    public static string TitleTooLongMessage => L["At most {0} characters.", Limits.ShowTitleMaxLength];

    public bool HasCoHost => !string.IsNullOrWhiteSpace(CoHostEmail);

    public string? CoHostEmailOrNull => HasCoHost ? CoHostEmail!.Trim() : null;

    public decimal CommissionRate => CommissionPercent / 100m;

    public decimal CoHostShare => HasCoHost ? CoHostPercent / 100m : 0;

    /// <summary>Shows <paramref name="start"/> in the form, in the device's time zone.</summary>
    public void SetStart(DateTimeOffset start, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(start, zone);
        StartsAt = local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The typed start as an instant (the device's local time), or false when none is typed.</summary>
    public bool TryGetStart(TimeZoneInfo zone, out DateTimeOffset start)
    {
        start = default;
        if (!DateTime.TryParse(StartsAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        start = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }
}
