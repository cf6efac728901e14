using System.Security.Claims;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// The creator's side of B2K2C: their profile, the brands' open programs, joining one, and the products they may
/// sell. Any account may become a creator (not a guest session); being one never makes them a member of a shop:
/// they see a brand's terms and the products it opened to them, nothing else of the brand.
/// </summary>
public sealed partial class Creators(LiveShopDbContext db, Media.StoreImage images, TimeProvider clock)
{
    public const int HandleMinLength = 3;
    public const int HandleMaxLength = 30;
    public const int BioMaxLength = 500;
    public const int MaxSocials = 5;
    public const int SocialMaxLength = 100;

    /// <summary>The caller's profile, or null before they make one (an answer, not a refusal: most accounts have none).</summary>
    public async Task<CreatorProfileDto?> ProfileAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var profile = await db.CreatorProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == caller.RequireUserId(), cancellationToken);
        return profile is null ? null : ToDto(profile);
    }

    public async Task<CreatorProfileDto> SaveProfileAsync(ClaimsPrincipal caller, CreatorProfileRequest? request, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (caller.IsGuest())
        {
            throw DomainException.Forbidden(ProblemCodes.Forbidden, "Create an account (not a guest session) to sell as a creator.");
        }

        var (handle, name, bio, socials) = Parse(request);
        if (await db.CreatorProfiles.AnyAsync(p => p.Handle == handle && p.UserId != userId, cancellationToken))
        {
            throw HandleTaken(handle);
        }

        var profile = await db.CreatorProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new CreatorProfile(userId, clock.GetUtcNow());
            db.CreatorProfiles.Add(profile);
        }

        profile.Describe(handle, name, bio, socials);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Two creators took the same handle at once (or one person saved twice): the unique indexes keep one.
            throw HandleTaken(handle);
        }

        return ToDto(profile);
    }

    /// <summary>
    /// Stores the uploaded photo (field <c>file</c>, through the photo pipeline: resized, re-encoded, metadata stripped)
    /// as the caller's creator avatar, replacing the earlier one (whose files are deleted). Refused before a profile exists.
    /// </summary>
    public async Task<CreatorProfileDto> SetAvatarAsync(ClaimsPrincipal caller, IFormFile? file, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (!await db.CreatorProfiles.AnyAsync(p => p.UserId == userId, cancellationToken))
        {
            throw Invalid("Create your creator profile first, then add its photo.");
        }

        if (file is null)
        {
            throw DomainException.Invalid(ProblemCodes.ImageInvalid, "Choose a JPEG, PNG or WebP photo to upload (the form field “file”).");
        }

        var stored = await images.StoreAsync(file, cancellationToken);
        var profile = await db.CreatorProfiles.SingleAsync(p => p.UserId == userId, cancellationToken);
        var previous = profile.SetAvatar(stored.Id);
        await db.SaveChangesAsync(CancellationToken.None);
        if (previous is not null)
        {
            await images.DeleteAsync(previous, CancellationToken.None);
        }

        return ToDto(profile);
    }

    /// <summary>Removes the caller's avatar (initials stand in for it again).</summary>
    public async Task<CreatorProfileDto> RemoveAvatarAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var profile = await db.CreatorProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken)
            ?? throw Invalid("Create your creator profile first, then add its photo.");
        var previous = profile.SetAvatar(null);
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null)
        {
            await images.DeleteAsync(previous, CancellationToken.None);
        }

        return ToDto(profile);
    }

    /// <summary>Where the avatar's small rendition is served, or null without one.</summary>
    internal static string? AvatarUrl(string? imageId) => imageId is null ? null : Media.ImageKeys.Url(imageId, Media.ImageSize.Thumb);

    /// <summary>The programs open to creators (active brands), and those the caller is in even if closed since.</summary>
    public async Task<List<BrandProgramDto>> ProgramsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var mine = await db.CreatorEnrollments.AsNoTracking().Where(e => e.CreatorId == userId).ToDictionaryAsync(e => e.ShopId, cancellationToken);
        var mineIds = mine.Keys.ToList();
        var programs = await db.CreatorPrograms.AsNoTracking()
            .Where(p => p.IsOpen || mineIds.Contains(p.ShopId))
            .Join(db.Shops.Where(s => s.SuspendedAt == null), p => p.ShopId, s => s.Id, (p, s) => new { Program = p, s.Name, s.Slug, s.LogoUrl })
            .ToListAsync(cancellationToken);
        var shopIds = programs.Select(p => p.Program.ShopId).ToList();
        var active = await db.Products.AsNoTracking()
            .Where(p => shopIds.Contains(p.ShopId) && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.ShopId })
            .ToListAsync(cancellationToken);

        return [.. programs
            .Select(p => Describe(p.Program, p.Name, p.Slug, p.LogoUrl, [.. active.Where(a => a.ShopId == p.Program.ShopId).Select(a => a.Id)],
                mine.TryGetValue(p.Program.ShopId, out var e) ? e.Status : null))
            .OrderBy(p => p.MyStatus is null)
            .ThenBy(p => p.BrandName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Joins a brand's program: approved at once when anyone may join, else pending until the brand decides. Asking
    /// again while pending, approved or paused changes nothing; after a refusal or removal it asks the brand again
    /// (pending, whatever the approval mode: the brand said no once).
    /// </summary>
    public async Task<BrandProgramDto> JoinAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (!await db.CreatorProfiles.AnyAsync(p => p.UserId == userId, cancellationToken))
        {
            throw NoProfile();
        }

        var program = await db.CreatorPrograms.AsNoTracking()
            .Where(p => p.ShopId == shopId && p.IsOpen && db.Shops.Any(s => s.Id == shopId && s.SuspendedAt == null))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.CreatorProgramClosed, "This brand does not take creators at the moment.");
        if (await db.ShopMembers.AnyAsync(m => m.ShopId == shopId && m.UserId == userId, cancellationToken))
        {
            throw DomainException.Conflict(ProblemCodes.CreatorProgramInvalid, "You are in this brand's team: host its shows from its back office instead.");
        }

        var now = clock.GetUtcNow();
        var enrollment = await db.CreatorEnrollments.SingleOrDefaultAsync(e => e.ShopId == shopId && e.CreatorId == userId, cancellationToken);
        if (enrollment is null)
        {
            db.CreatorEnrollments.Add(new CreatorEnrollment(shopId, userId, program.Approval, now));
        }
        else if (enrollment.Status is CreatorStatus.Declined or CreatorStatus.Removed)
        {
            enrollment.Ask(CreatorApproval.Approve, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Two joins at once: the first one's row stands.
            db.ChangeTracker.Clear();
        }

        var status = await db.CreatorEnrollments.Where(e => e.ShopId == shopId && e.CreatorId == userId).Select(e => e.Status).SingleAsync(cancellationToken);
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => new { s.Name, s.Slug, s.LogoUrl }).SingleAsync(cancellationToken);
        var active = await db.Products.Where(p => p.ShopId == shopId && p.ArchivedAt == null).Select(p => p.Id).ToListAsync(cancellationToken);
        return Describe(program, shop.Name, shop.Slug, shop.LogoUrl, active, status);
    }

    /// <summary>The products the caller may sell: each approved brand's opened, active products at the caller's rate.</summary>
    public async Task<List<CreatorProductDto>> ProductsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var approved = await db.CreatorEnrollments.AsNoTracking()
            .Where(e => e.CreatorId == userId && e.Status == CreatorStatus.Approved && !db.ShopMembers.Any(m => m.ShopId == e.ShopId && m.UserId == userId))
            .Join(db.CreatorPrograms, e => e.ShopId, p => p.ShopId, (e, p) => new { Enrollment = e, Program = p })
            .Join(db.Shops.Where(s => s.SuspendedAt == null), x => x.Program.ShopId, s => s.Id, (x, s) => new { x.Enrollment, x.Program, s.Name })
            .ToListAsync(cancellationToken);
        var shopIds = approved.Select(a => a.Program.ShopId).ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => shopIds.Contains(p.ShopId) && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.ShopId, p.Name, p.ImageUrl, p.Price, p.Currency })
            .ToListAsync(cancellationToken);

        return [.. products
            .Select(p =>
            {
                var brand = approved.Single(a => a.Program.ShopId == p.ShopId);
                return brand.Program.RateFor(p.Id, brand.Enrollment.RateOverride) is { } rate
                    ? new CreatorProductDto(p.Id, p.ShopId, brand.Name, p.Name, string.IsNullOrEmpty(p.ImageUrl) ? null : p.ImageUrl, p.Price, p.Currency, rate)
                    : null;
            })
            .OfType<CreatorProductDto>()
            .OrderBy(p => p.BrandName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>A program's terms as a creator reads them: products counted and the best rate among the active ones only.</summary>
    private static BrandProgramDto Describe(CreatorProgram program, string name, string slug, string? logoUrl, IReadOnlyCollection<Guid> activeProducts, CreatorStatus? status)
    {
        var rates = activeProducts.Select(id => program.RateFor(id, null)).OfType<decimal>().ToList();
        return new BrandProgramDto(program.ShopId, name, slug, logoUrl, program.Approval, program.DefaultRate,
            rates.Count == 0 ? program.DefaultRate : rates.Max(), program.WindowDays, rates.Count, status);
    }

    internal static CreatorProfileDto ToDto(CreatorProfile profile) => new(profile.UserId, profile.Handle, profile.DisplayName, profile.Bio, profile.Socials, AvatarUrl(profile.AvatarImageId));

    private static (string Handle, string Name, string Bio, List<string> Socials) Parse(CreatorProfileRequest? request)
    {
        if (request is null)
        {
            throw Invalid("Send your handle, name, bio and social handles.");
        }

        var handle = request.Handle?.Trim().TrimStart('@').ToLowerInvariant() ?? "";
        if (handle.Length < HandleMinLength || handle.Length > HandleMaxLength || !HandlePattern().IsMatch(handle))
        {
            throw Invalid("Your handle needs {0} to {1} lower-case letters, digits, dots or underscores, starting with a letter or digit, e.g. “mei.tea”.", HandleMinLength, HandleMaxLength);
        }

        if (ReservedHandles.Contains(handle))
        {
            throw DomainException.Conflict(ProblemCodes.CreatorHandleTaken, "“{0}” is reserved; choose another handle.", handle);
        }

        var name = TextInput.Clean(request.DisplayName);
        if (name.Length == 0 || name.Length > Limits.DisplayNameMaxLength)
        {
            throw Invalid("Your name as a creator needs 1 to {0} characters.", Limits.DisplayNameMaxLength);
        }

        // Line by line, so a bio keeps its paragraphs (each line cleaned as chat is).
        var bio = string.Join('\n', (request.Bio ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(TextInput.Clean)).Trim();
        if (bio.Length > BioMaxLength)
        {
            throw Invalid("Your bio is at most {0} characters.", BioMaxLength);
        }

        var socials = (request.Socials ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (socials.Count > MaxSocials || socials.Any(s => s.Length > SocialMaxLength || !IsSocial(s)))
        {
            throw Invalid("Give at most {0} social handles (@name) or https profile addresses, each up to {1} characters.", MaxSocials, SocialMaxLength);
        }

        return (handle, name, bio, socials);
    }

    private static DomainException Invalid(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.CreatorProfileInvalid, message, arguments);

    private static DomainException HandleTaken(string handle) =>
        DomainException.Conflict(ProblemCodes.CreatorHandleTaken, "Another creator already has the handle “{0}”; choose another.", handle);

    private static DomainException NoProfile() =>
        DomainException.NotFound(ProblemCodes.CreatorProfileMissing, "You have no creator profile yet: create one to join brands' programs.");

    /// <summary>A handle (<c>@mei.tea</c>, <c>line:meitea</c>) or an absolute https address: never a script or another scheme.</summary>
    private static bool IsSocial(string social) =>
        SocialHandlePattern().IsMatch(social)
        || Uri.TryCreate(social, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);

    private static readonly HashSet<string> ReservedHandles = ["admin", "administrator", "liveshop", "support", "help", "official", "staff", "moderator", "host", "shop", "shops", "creator", "creators", "api", "root", "system"];

    // Letters and digits with single dots or underscores between them: no leading, trailing or doubled dot.
    [GeneratedRegex("^[a-z0-9](?:[._]?[a-z0-9])*$")]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"^(?:@|[a-z]{2,10}:)?[\p{L}\p{N}._-]{1,60}$", RegexOptions.IgnoreCase)]
    private static partial Regex SocialHandlePattern();
}
