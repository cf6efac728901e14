using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// The brand's side of B2K2C (owners and managers): the program's terms and opened products, and the creators in
/// it — approve, pause, decline, remove, give one their own rate. A brand sees only its own program's creators.
/// </summary>
public sealed class CreatorPrograms(LiveShopDbContext db, ShopAccess access, TimeProvider clock)
{
    private const string WhatFor = "manage the creator program";

    /// <summary>The program, or its defaults (closed) when the brand never saved one.</summary>
    public async Task<CreatorProgramDto> GetAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        var program = await db.CreatorPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId, cancellationToken) ?? new CreatorProgram(shopId);
        return ToDto(program);
    }

    public async Task<CreatorProgramDto> SaveAsync(ClaimsPrincipal caller, Guid shopId, CreatorProgramRequest? request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "Send the program's terms: open or not, approval, rate, window and products.");
        }

        var listed = request.Products ?? [];
        if (listed.Select(p => p.ProductId).Distinct().Count() != listed.Count)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "A product is listed twice.");
        }

        if (listed.Count > CreatorProgram.MaxProducts)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "A program opens at most {0} products one by one; open all products instead.", CreatorProgram.MaxProducts);
        }

        // The shop's own products only; one archived since it was opened is dropped (the list read back may still hold it).
        var ids = listed.Select(p => p.ProductId).ToList();
        var known = await db.Products.Where(p => p.ShopId == shopId && ids.Contains(p.Id)).Select(p => new { p.Id, p.ArchivedAt }).ToListAsync(cancellationToken);
        if (known.Count != ids.Count)
        {
            throw DomainException.NotFound(ProblemCodes.ProductNotFound, "This shop has no product with that id.");
        }

        var active = known.Where(p => p.ArchivedAt is null).Select(p => p.Id).ToHashSet();
        listed = [.. listed.Where(p => active.Contains(p.ProductId))];

        var program = await db.CreatorPrograms.SingleOrDefaultAsync(p => p.ShopId == shopId, cancellationToken);
        if (program is null)
        {
            program = new CreatorProgram(shopId);
            db.CreatorPrograms.Add(program);
        }

        program.Configure(request.IsOpen, request.Approval, request.DefaultRate, request.WindowDays, request.AllProducts,
            [.. listed.Select(p => new ProgramProduct(p.ProductId, p.Rate))], clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw DomainException.Conflict(ProblemCodes.CreatorProgramInvalid, "Someone else saved the program at the same moment; reload it and save again.");
        }

        return ToDto(program);
    }

    /// <summary>The creators who joined or asked to join, those waiting first.</summary>
    public async Task<List<ProgramCreatorDto>> CreatorsAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        var rows = await db.CreatorEnrollments.AsNoTracking()
            .Where(e => e.ShopId == shopId)
            .Join(db.CreatorProfiles, e => e.CreatorId, p => p.UserId, (e, p) => new { Enrollment = e, Profile = p })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => ToDto(r.Enrollment, r.Profile))
            .OrderBy(c => c.Status)
            .ThenByDescending(c => c.RequestedAt)];
    }

    /// <summary>Approves, pauses, declines or removes a creator, and sets (or clears) their own rate: future orders only.</summary>
    public async Task<ProgramCreatorDto> DecideAsync(ClaimsPrincipal caller, Guid shopId, Guid creatorId, ProgramCreatorRequest? request, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        if (request is null || !Enum.IsDefined(request.Status) || request.Status == CreatorStatus.Pending)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "Choose approve, pause, decline or remove.");
        }

        if (request.RateOverride is { } rate)
        {
            CreatorProgram.RequireRate(rate);
        }

        if (await db.ShopMembers.AnyAsync(m => m.ShopId == shopId && m.UserId == creatorId, cancellationToken))
        {
            throw DomainException.Conflict(ProblemCodes.CreatorProgramInvalid, "This creator is in the shop's team: team members host its shows, they do not earn as creators.");
        }

        var enrollment = await db.CreatorEnrollments.SingleOrDefaultAsync(e => e.ShopId == shopId && e.CreatorId == creatorId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.CreatorNotFound, "No creator with that id asked to join this program.");
        enrollment.Decide(request.Status, request.RateOverride, membership.UserId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var profile = await db.CreatorProfiles.AsNoTracking().SingleAsync(p => p.UserId == creatorId, cancellationToken);
        return ToDto(enrollment, profile);
    }

    private static CreatorProgramDto ToDto(CreatorProgram program) => new(
        program.ShopId, program.IsOpen, program.Approval, program.DefaultRate, program.WindowDays, program.AllProducts,
        [.. program.Products.Select(p => new ProgramProductDto(p.ProductId, p.Rate))]);

    private static ProgramCreatorDto ToDto(CreatorEnrollment e, CreatorProfile p) =>
        new(e.CreatorId, p.Handle, p.DisplayName, p.Socials, e.Status, e.RateOverride, e.RequestedAt, e.DecidedAt, Creators.AvatarUrl(p.AvatarImageId));
}
