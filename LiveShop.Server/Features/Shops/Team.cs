using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Email;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shops;

/// <summary>
/// A shop's team: members and their roles, e-mailed invitations, and accepting one. Only owners
/// change the team. A member removed or demoted loses access with their next request, and their
/// open hub connections are closed at once (they reconnect as whoever they now are).
/// </summary>
public sealed partial class Team(
    LiveShopDbContext db,
    ShopAccess access,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IEmailSender mail,
    EmailDelivery delivery,
    IUserConnections connections,
    TimeProvider clock,
    ILogger<Team> logger)
{
    public async Task<List<ShopMemberDto>> MembersAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, _ => true, "see the team", cancellationToken);
        var members = await db.ShopMembers.AsNoTracking()
            .Where(m => m.ShopId == shopId)
            .Select(m => new ShopMemberDto(m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role, m.AddedAt))
            .ToListAsync(cancellationToken);

        // Owners first, then managers, hosts, moderators (the enum's order, not the stored names').
        return [.. members.OrderBy(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<ShopMemberDto> ChangeRoleAsync(ClaimsPrincipal caller, Guid shopId, Guid userId, ChangeMemberRoleRequest request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageTeam, "change the team's roles", cancellationToken);
        var role = ValidRole(request?.Role);
        var member = await db.ShopMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.ShopId == shopId && m.UserId == userId, cancellationToken)
            ?? throw MemberNotFound();
        if (member.Role == ShopRole.Owner && role != ShopRole.Owner)
        {
            await RequireAnotherOwnerAsync(shopId, userId, cancellationToken);
        }

        var demoted = Rank(role) > Rank(member.Role);
        if (member.Role == ShopRole.Owner && role != ShopRole.Owner)
        {
            await RevokeInvitationsByAsync(shopId, userId, cancellationToken);
        }

        member.ChangeRole(role);
        await db.SaveChangesAsync(cancellationToken);
        if (demoted)
        {
            connections.Close(userId);
        }
        else if (ShopPermissions.CanHost(role) && member.User is { } promoted && !await users.IsInRoleAsync(promoted, Roles.Host))
        {
            // Hosting needs the seller role too; the browser's cookie picks it up within a minute.
            await users.AddToRoleAsync(promoted, Roles.Host);
        }

        return new ShopMemberDto(member.UserId, member.User!.DisplayName, member.User.Email ?? "", member.Role, member.AddedAt);
    }

    /// <summary>The owner removes a member, or a member leaves. The last owner can do neither.</summary>
    public async Task RemoveAsync(ClaimsPrincipal caller, Guid shopId, Guid userId, CancellationToken cancellationToken)
    {
        var self = caller.RequireUserId() == userId;
        if (self)
        {
            await access.RequireAsync(caller, shopId, _ => true, "leave the team", cancellationToken);
        }
        else
        {
            await access.RequireAsync(caller, shopId, ShopPermissions.CanManageTeam, "remove people from the team", cancellationToken);
        }

        var member = await db.ShopMembers.SingleOrDefaultAsync(m => m.ShopId == shopId && m.UserId == userId, cancellationToken)
            ?? throw MemberNotFound();
        if (member.Role == ShopRole.Owner)
        {
            await RequireAnotherOwnerAsync(shopId, userId, cancellationToken);
        }

        await RevokeInvitationsByAsync(shopId, userId, cancellationToken);
        db.ShopMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        connections.Close(userId);
    }

    public async Task<List<ShopInvitationDto>> InvitationsAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageTeam, "see the team's invitations", cancellationToken);
        var now = clock.GetUtcNow();
        var open = await db.ShopInvitations.AsNoTracking()
            .Where(i => i.ShopId == shopId && i.AcceptedAt == null && i.RevokedAt == null)
            .Join(db.Users, i => i.InvitedById, u => u.Id, (i, u) => new { Invitation = i, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. open.Where(x => x.Invitation.IsOpen(now)).OrderByDescending(x => x.Invitation.CreatedAt).Select(x => ToDto(x.Invitation, x.DisplayName))];
    }

    /// <summary>
    /// E-mails an invitation link (valid 7 days, one use). A newer invitation to the same address
    /// replaces an open one. Someone already in the team is refused.
    /// </summary>
    public async Task<ShopInvitationDto> InviteAsync(ClaimsPrincipal caller, Guid shopId, InviteMemberRequest request, string siteUrl, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanManageTeam, "invite people", cancellationToken);
        if (!delivery.CanSend)
        {
            throw DomainException.Unavailable(ProblemCodes.EmailUnavailable, "This LiveShop cannot send e-mail yet, so invitations cannot go out. Ask the platform's administrators to set up mail.");
        }

        var email = (request?.Email ?? "").Trim();
        if (email.Length == 0 || email.Length > Limits.EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw DomainException.Invalid(ProblemCodes.InvitationInvalid, "Give the e-mail address of the person to invite, e.g. mei@example.com.");
        }

        var role = ValidRole(request!.Role);
        if (await users.FindByEmailAsync(email) is { } existing && await access.RoleOfAsync(existing.Id, shopId, cancellationToken) is { } current)
        {
            throw DomainException.Conflict(ProblemCodes.AlreadyMember, "{0} is already in the team, as {1}: change their role instead.", email, current.ToString().ToLowerInvariant());
        }

        var now = clock.GetUtcNow();
        var normalized = email.ToUpperInvariant();
        foreach (var open in await db.ShopInvitations.Where(i => i.ShopId == shopId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
        {
            open.Revoke(now);
        }

        // The invitation exists only if its mail went out: written, sent, then committed (a failed send rolls it back).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (invitation, token) = ShopInvitation.Create(shopId, email, role, membership.UserId, now);
        db.ShopInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);

        var inviter = caller.DisplayName();
        var link = $"{siteUrl.TrimEnd('/')}/invitations/{token}";
        var shop = membership.Shop.Name;
        var roleName = role.ToString().ToLowerInvariant();
        var message = new EmailMessage(
            email,
            $"{inviter} invites you to {shop} on LiveShop",
            $"""
            {inviter} invites you to join {shop} on LiveShop as {(role == ShopRole.Owner ? "an" : "a")} {roleName}.

            Accept the invitation (the link works once, until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC):
            {link}

            If you did not expect this, ignore this e-mail.
            """);
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (EmailSendException)
        {
            throw DomainException.Unavailable(ProblemCodes.EmailSendFailed, "The invitation e-mail could not be sent just now. Nothing was changed: try again in a few minutes.");
        }

        await transaction.CommitAsync(cancellationToken);
        LogInvited(logger, shopId, role);
        return ToDto(invitation, inviter);
    }

    public async Task RevokeAsync(ClaimsPrincipal caller, Guid shopId, Guid invitationId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageTeam, "withdraw invitations", cancellationToken);
        var invitation = await db.ShopInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.ShopId == shopId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.InvitationNotFound, "This shop has no invitation with that id.");
        invitation.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What the invitation link shows before accepting; refuses a used, withdrawn or expired one, saying which.</summary>
    public async Task<InvitationPreviewDto> PreviewAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(token, cancellationToken);
        RequireOpen(invitation);
        var inviter = await db.Users.Where(u => u.Id == invitation.InvitedById).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var exists = await users.FindByEmailAsync(invitation.Email) is not null;
        return new InvitationPreviewDto(invitation.Shop!.Name, invitation.Email, invitation.Role, inviter, invitation.ExpiresAt, exists);
    }

    /// <summary>
    /// Accepts: as the signed-in caller (whose e-mail must be the invited one), or by signing in or
    /// signing up the invited e-mail with the password given. Joining confirms the e-mail (the link came to it).
    /// </summary>
    public async Task<MyShopDto> AcceptAsync(ClaimsPrincipal caller, AcceptInvitationRequest request, CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(request?.Token, cancellationToken);
        RequireOpen(invitation);
        var user = caller.FindUserId() is { } callerId && !caller.IsGuest()
            ? await users.FindByIdAsync(callerId.ToString()) ?? throw DomainException.NotSignedIn("Sign in again to accept the invitation.")
            : await SignInOrUpAsync(invitation.Email, request!, cancellationToken);
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Forbidden(ProblemCodes.InvitationWrongAccount, "This invitation is for {0}; you are signed in as {1}. Sign out and open the link again.", invitation.Email, user.Email);
        }

        if (user.SuspendedAt is not null)
        {
            throw DomainException.Forbidden(ProblemCodes.AccountSuspended, "This account is suspended.");
        }

        if (await access.RoleOfAsync(user.Id, invitation.ShopId, cancellationToken) is not null)
        {
            throw DomainException.Conflict(ProblemCodes.AlreadyMember, "You are already in {0}'s team.", invitation.Shop!.Name);
        }

        // A conditional update: of two accepts at once, or an accept and a withdrawal, exactly one wins.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.ShopInvitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, user.Id), cancellationToken);
        if (taken == 0)
        {
            throw DomainException.Conflict(ProblemCodes.InvitationUsed, "This invitation has just been used or withdrawn. Ask the shop's owner for a new one.");
        }

        db.ShopMembers.Add(new ShopMember(invitation.ShopId, user.Id, invitation.Role, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        if (ShopPermissions.CanHost(invitation.Role) && !await users.IsInRoleAsync(user, Roles.Host))
        {
            await users.AddToRoleAsync(user, Roles.Host);
        }

        // A fresh cookie: it carries the roles just granted.
        await signIn.SignInAsync(user, isPersistent: true);
        var shop = invitation.Shop!;
        return new MyShopDto(shop.Id, shop.Name, shop.Slug, shop.LogoUrl, invitation.Role, shop.IsSuspended);
    }

    private async Task<AppUser> SignInOrUpAsync(string email, AcceptInvitationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Password))
        {
            throw DomainException.Invalid(ProblemCodes.InvitationInvalid, "Enter a password: your account's, or a new one for the account this creates.");
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            var check = await signIn.CheckPasswordSignInAsync(existing, request.Password, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                throw check.IsLockedOut
                    ? DomainException.Invalid(ProblemCodes.SignInFailed, "This account is locked for now; try again later.")
                    : DomainException.Invalid(ProblemCodes.SignInFailed, "That is not the password of {0}.", email);
            }

            return existing;
        }

        var name = Accounts.AccountService.ValidDisplayName(request.DisplayName);

        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            throw DomainException.Invalid(ProblemCodes.RegistrationFailed, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Viewer);
        return user;
    }

    private async Task<ShopInvitation> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            throw DomainException.NotFound(ProblemCodes.InvitationNotFound, "This invitation link is not valid. Check that you copied all of it.");
        }

        var hash = ShopInvitation.Hash(token.Trim());
        return await db.ShopInvitations.Include(i => i.Shop).SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.InvitationNotFound, "This invitation link is not valid. Check that you copied all of it.");
    }

    private void RequireOpen(ShopInvitation invitation)
    {
        if (!invitation.IsOpen(clock.GetUtcNow()))
        {
            // Accept says precisely why (used, withdrawn or expired) and changes nothing.
            invitation.Accept(Guid.Empty, clock.GetUtcNow());
        }

        if (invitation.Shop!.IsSuspended)
        {
            throw DomainException.Forbidden(ProblemCodes.ShopSuspended, "{0} is suspended; its invitations cannot be accepted now.", invitation.Shop.Name);
        }
    }

    /// <summary>An owner who leaves or is demoted takes their open invitations with them.</summary>
    private async Task RevokeInvitationsByAsync(Guid shopId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var open in await db.ShopInvitations.Where(i => i.ShopId == shopId && i.InvitedById == userId && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
        {
            open.Revoke(now);
        }
    }

    private async Task RequireAnotherOwnerAsync(Guid shopId, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.ShopMembers.AnyAsync(m => m.ShopId == shopId && m.UserId != userId && m.Role == ShopRole.Owner, cancellationToken))
        {
            throw DomainException.Conflict(ProblemCodes.LastOwner, "A shop needs at least one owner: make someone else owner first.");
        }
    }

    private static ShopRole ValidRole(ShopRole? role) =>
        role is { } r && Enum.IsDefined(r) ? r : throw DomainException.Invalid(ProblemCodes.InvitationInvalid, "Choose a role: owner, manager, host or moderator.");

    /// <summary>Owner 0 … Moderator 3: a larger number is less power.</summary>
    private static int Rank(ShopRole role) => (int)role;

    private static DomainException MemberNotFound() => DomainException.NotFound(ProblemCodes.MemberNotFound, "That person is not in this shop's team.");

    private static ShopInvitationDto ToDto(ShopInvitation i, string invitedBy) => new(i.Id, i.Email, i.Role, invitedBy, i.CreatedAt, i.ExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {ShopId} invited someone as {Role}.")]
    private static partial void LogInvited(ILogger logger, Guid shopId, ShopRole role);
}
