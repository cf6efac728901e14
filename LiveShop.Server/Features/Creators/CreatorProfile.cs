namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A person who sells for brands (a KOL or KOC): not a member of any shop, known to buyers and brands by this
/// profile. The key is the person's user id: one profile per account.
/// </summary>
public sealed class CreatorProfile
{
    private CreatorProfile()
    {
    }

    public CreatorProfile(Guid userId, DateTimeOffset createdAt)
    {
        UserId = userId;
        CreatedAt = createdAt;
    }

    public Guid UserId { get; private set; }

    /// <summary>Unique, lower-case: the creator's address in links and the name brands search for.</summary>
    public string Handle { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string Bio { get; private set; } = "";

    /// <summary>Social handles or profile addresses (Instagram, YouTube, LINE …), at most five.</summary>
    public List<string> Socials { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public void Describe(string handle, string displayName, string bio, List<string> socials)
    {
        Handle = handle;
        DisplayName = displayName;
        Bio = bio;
        Socials = socials;
    }
}
