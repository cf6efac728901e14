using LiveShop.Shared;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Features.Shops;

/// <summary>
/// A shop (a brand): it owns its products, shows, share links and, through its shows, its orders. Its
/// team are <see cref="ShopMember"/>s. A suspended shop's back office and shows refuse every change.
/// </summary>
public sealed class Shop
{
    private Shop()
    {
    }

    public Shop(Guid id, ShopSettings settings, DateTimeOffset createdAt)
    {
        Id = id;
        CreatedAt = createdAt;
        Apply(settings);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The shop's address on the site: lower-case letters, digits and hyphens, unique.</summary>
    public string Slug { get; private set; } = "";

    public string? LogoUrl { get; private set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; private set; } = "";

    /// <summary>ISO 4217: new products and shows start in it.</summary>
    public string DefaultCurrency { get; private set; } = "";

    public string ContactEmail { get; private set; } = "";

    /// <summary>IANA time zone id, e.g. <c>Asia/Taipei</c>.</summary>
    public string TimeZone { get; private set; } = "";

    /// <summary>Whether every reduced price shows the lowest price of the 30 days before it (the EU rule; on by default for EUR).</summary>
    public bool ShowLowestPrice30Days { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SuspendedAt { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    /// <summary>Sets name, slug, country, currency, contact and time zone (validated by <see cref="ShopSettings.Parse"/>).</summary>
    public void Apply(ShopSettings settings)
    {
        Name = settings.Name;
        Slug = settings.Slug;
        Country = settings.Country;
        DefaultCurrency = settings.DefaultCurrency;
        ContactEmail = settings.ContactEmail;
        TimeZone = settings.TimeZone;
        ShowLowestPrice30Days = settings.ShowLowestPrice30Days ?? settings.DefaultCurrency == Currencies.Eur;
    }

    public void SetLogo(string? url) => LogoUrl = url;

    public void Suspend(DateTimeOffset now) => SuspendedAt ??= now;

    public void Reinstate() => SuspendedAt = null;

    public ShopDto ToDto() => new(Id, Name, Slug, LogoUrl, Country, DefaultCurrency, ContactEmail, TimeZone, IsSuspended, ShowLowestPrice30Days);
}
