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

    /// <summary>The uploaded photo's image id in the image store (see Features/Media), or null: initials stand in for it.</summary>
    public string? AvatarImageId { get; private set; }

    /// <summary>Sets (or, with null, removes) the photo; answers the one it replaces, whose files the caller deletes.</summary>
    public string? SetAvatar(string? imageId)
    {
        var previous = AvatarImageId;
        AvatarImageId = imageId;
        return previous;
    }

    public void Describe(string handle, string displayName, string bio, List<string> socials)
    {
        Handle = handle;
        DisplayName = displayName;
        Bio = bio;
        Socials = socials;
    }
}
