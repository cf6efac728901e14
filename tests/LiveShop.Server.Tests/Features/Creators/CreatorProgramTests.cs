using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Features.Media;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;

namespace LiveShop.Server.Tests.Features.Creators;

/// <summary>
/// Brands open their catalogs to creators (issue 17): a creator makes a profile, joins two brands' programs (one
/// takes anyone, one approves each), and sells exactly the products each opened, at each product's rate or their
/// own. A creator sees only the brands' terms and opened products; a brand sees only its own program's creators.
/// </summary>
public class CreatorProgramTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Creator_JoinsTwoBrands_SellsWhatEachOpened_AtEachRate()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var (seller, olive) = await factory.RegisterSellerAsync("Olive Creators " + Unique(), Currencies.Eur);
        var oil = await LiveRoom.AddProductAsync(seller, olive.Id, "Olive oil", 18.50m);
        var soap = await LiveRoom.AddProductAsync(seller, olive.Id, "Olive soap", 6m);
        var creator = await CreatorAsync("kol");

        // The demo brand opens everything at 12 %, anyone may join; the olive brand opens one product at 15 %, approving each creator.
        await SaveProgramAsync(owner, DemoSeeder.DemoShopId, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.12m, 14, true, []));
        await SaveProgramAsync(seller, olive.Id, new CreatorProgramRequest(true, CreatorApproval.Approve, 0.10m, 7, false, [new ProgramProductDto(oil, 0.15m)]));

        var programs = await creator.Http.GetFromJsonAsync<List<BrandProgramDto>>(ApiRoutes.CreatorPrograms);
        Assert.Contains(programs!, p => p.ShopId == olive.Id && p.MyStatus is null && p.OpenProducts == 1 && p.MaxRate == 0.15m);

        Assert.Equal(CreatorStatus.Approved, (await JoinAsync(creator, DemoSeeder.DemoShopId)).MyStatus);
        Assert.Equal(CreatorStatus.Pending, (await JoinAsync(creator, olive.Id)).MyStatus);

        // Pending: nothing of the olive brand to sell yet.
        var before = await ProductsAsync(creator);
        Assert.NotEmpty(before);
        Assert.All(before, p => Assert.Equal((DemoSeeder.DemoShopId, 0.12m), (p.ShopId, p.Rate)));

        // The olive brand approves: its one opened product joins the list at its rate, not the unopened soap.
        var waiting = Assert.Single((await seller.Http.GetFromJsonAsync<List<ProgramCreatorDto>>(ApiRoutes.ShopCreators(olive.Id)))!);
        Assert.Equal((creator.User.Id!.Value, CreatorStatus.Pending), (waiting.CreatorId, waiting.Status));
        await DecideAsync(seller, olive.Id, creator.User.Id!.Value, new ProgramCreatorRequest(CreatorStatus.Approved, null));
        var after = await ProductsAsync(creator);
        var olives = Assert.Single(after, p => p.ShopId == olive.Id);
        Assert.Equal((oil, "Olive oil", 0.15m, olive.Name), (olives.ProductId, olives.Name, olives.Rate, olives.BrandName));
        Assert.DoesNotContain(after, p => p.ProductId == soap);

        // A rate of the creator's own overrides the products'; pausing stops the brand's products.
        await DecideAsync(seller, olive.Id, creator.User.Id!.Value, new ProgramCreatorRequest(CreatorStatus.Approved, 0.2m));
        Assert.Equal(0.2m, (await ProductsAsync(creator)).Single(p => p.ShopId == olive.Id).Rate);
        await DecideAsync(seller, olive.Id, creator.User.Id!.Value, new ProgramCreatorRequest(CreatorStatus.Paused, 0.2m));
        Assert.DoesNotContain(await ProductsAsync(creator), p => p.ShopId == olive.Id);

        // Removed, then asking again: pending (not approved at once even where anyone may join).
        await DecideAsync(owner, DemoSeeder.DemoShopId, creator.User.Id!.Value, new ProgramCreatorRequest(CreatorStatus.Removed, null));
        Assert.Equal(CreatorStatus.Pending, (await JoinAsync(creator, DemoSeeder.DemoShopId)).MyStatus);
        Assert.Empty(await ProductsAsync(creator));
    }

    [Fact]
    public async Task Profile_BadInput_RefusedWithItsReason_AndAHandleIsOnePersons()
    {
        var first = await factory.RegisterAsync(asHost: false, "First Creator");
        var second = await factory.RegisterAsync(asHost: false, "Second Creator");
        var guest = await factory.GuestAsync("Guest Creator");
        var handle = "mei." + Unique();

        foreach (var bad in new[]
        {
            new CreatorProfileRequest("x", "Mei", null, null),
            new CreatorProfileRequest("-mei", "Mei", null, null),
            new CreatorProfileRequest("mei tea", "Mei", null, null),
            new CreatorProfileRequest(handle, "", null, null),
            new CreatorProfileRequest(handle, "Mei", new string('b', 501), null),
            new CreatorProfileRequest(handle, "Mei", null, ["a", "b", "c", "d", "e", "f"]),
            new CreatorProfileRequest(handle, "Mei", null, ["has space"]),
            new CreatorProfileRequest(handle, "Mei", null, ["javascript:alert(1)"]),
            new CreatorProfileRequest(handle, "\u200B\u200B", null, null),
            new CreatorProfileRequest("mei..tea", "Mei", null, null),
        })
        {
            var refused = await first.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(ProblemCodes.CreatorProfileInvalid, (await Problem.ReadAsync(refused)).Code);
        }

        var none = await first.Http.GetAsync(ApiRoutes.CreatorProfile);
        Assert.Equal((HttpStatusCode.OK, "null"), (none.StatusCode, await none.Content.ReadAsStringAsync()));
        var saved = await (await first.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("@" + handle.ToUpperInvariant(), " Mei ", "Tea every night", ["@mei.tea", "https://instagram.com/mei.tea"]))).Content.ReadFromJsonAsync<CreatorProfileDto>();
        Assert.Equal((handle, "Mei", 2), (saved!.Handle, saved.DisplayName, saved.Socials.Count));

        var taken = await second.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest(handle, "Copy", null, null));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(ProblemCodes.CreatorHandleTaken, (await Problem.ReadAsync(taken)).Code);

        var reserved = await second.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("Admin", "Admin", null, null));
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.CreatorHandleTaken), (reserved.StatusCode, (await Problem.ReadAsync(reserved)).Code));

        var asGuest = await guest.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("guest." + Unique(), "Guest", null, null));
        Assert.Equal(HttpStatusCode.Forbidden, asGuest.StatusCode);

        // No profile, no joining; a closed program cannot be joined.
        var noProfile = await second.Http.PostAsync(ApiRoutes.CreatorProgramJoin(DemoSeeder.DemoShopId), null);
        Assert.Equal(ProblemCodes.CreatorProfileMissing, (await Problem.ReadAsync(noProfile)).Code);
        var (_, closedShop) = await factory.RegisterSellerAsync("Closed Brand " + Unique());
        var closed = await first.Http.PostAsync(ApiRoutes.CreatorProgramJoin(closedShop.Id), null);
        Assert.Equal((HttpStatusCode.NotFound, ProblemCodes.CreatorProgramClosed), (closed.StatusCode, (await Problem.ReadAsync(closed)).Code));
    }

    [Fact]
    public async Task ABrandManagesOnlyItsOwnProgram_AndTheTermsAreChecked()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var (other, otherShop) = await factory.RegisterSellerAsync("Other Brand " + Unique());
        var creator = await CreatorAsync("brandtest");
        await SaveProgramAsync(owner, DemoSeeder.DemoShopId, new CreatorProgramRequest(true, CreatorApproval.Approve, 0.1m, 7, true, []));
        await JoinAsync(creator, DemoSeeder.DemoShopId);

        // Another brand's owner, the demo brand's host, and the creator themselves: none may read or decide.
        foreach (var (who, code) in new[] { (other, ProblemCodes.NotShopMember), (host, ProblemCodes.ShopRoleTooLow), (creator, ProblemCodes.NotShopMember) })
        {
            Assert.Equal(code, (await Problem.ReadAsync(await who.Http.GetAsync(ApiRoutes.ShopCreators(DemoSeeder.DemoShopId)))).Code);
            var decide = await who.Http.PutAsJsonAsync(ApiRoutes.ShopCreator(DemoSeeder.DemoShopId, creator.User.Id!.Value), new ProgramCreatorRequest(CreatorStatus.Approved, null));
            Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);
        }

        // The other brand knows nothing of this creator.
        Assert.Empty((await other.Http.GetFromJsonAsync<List<ProgramCreatorDto>>(ApiRoutes.ShopCreators(otherShop.Id)))!);
        var unknown = await other.Http.PutAsJsonAsync(ApiRoutes.ShopCreator(otherShop.Id, creator.User.Id!.Value), new ProgramCreatorRequest(CreatorStatus.Approved, null));
        Assert.Equal((HttpStatusCode.NotFound, ProblemCodes.CreatorNotFound), (unknown.StatusCode, (await Problem.ReadAsync(unknown)).Code));

        // Terms: a rate over 50 % or finer than 0.01 %, a window out of range, another shop's product, a product twice.
        foreach (var (bad, code) in new[]
        {
            (new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.51m, 7, true, []), ProblemCodes.CommissionInvalid),
            (new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.12345m, 7, true, []), ProblemCodes.CommissionInvalid),
            (new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 0, true, []), ProblemCodes.CreatorProgramInvalid),
            (new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 7, false, [new ProgramProductDto(DemoSeeder.ProductId(1), -0.1m)]), ProblemCodes.CommissionInvalid),
            (new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 7, false, [new ProgramProductDto(DemoSeeder.ProductId(1), null), new ProgramProductDto(DemoSeeder.ProductId(1), null)]), ProblemCodes.CreatorProgramInvalid),
        })
        {
            Assert.Equal(code, (await Problem.ReadAsync(await owner.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(DemoSeeder.DemoShopId), bad))).Code);
        }

        var foreign = await other.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(otherShop.Id), new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 7, false, [new ProgramProductDto(DemoSeeder.ProductId(1), null)]));
        Assert.Equal((HttpStatusCode.NotFound, ProblemCodes.ProductNotFound), (foreign.StatusCode, (await Problem.ReadAsync(foreign)).Code));

        // Nothing of that changed the demo program.
        var program = await owner.Http.GetFromJsonAsync<CreatorProgramDto>(ApiRoutes.ShopCreatorProgram(DemoSeeder.DemoShopId));
        Assert.Equal((true, CreatorApproval.Approve, 0.1m, 7, true), (program!.IsOpen, program.Approval, program.DefaultRate, program.WindowDays, program.AllProducts));
    }

    [Fact]
    public async Task TeamMembers_AreNotCreatorsOfTheirOwnShop_AndAReSavedListReplacesTheOld()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var host = await factory.RegisterAsync(asHost: true, "Host Creator");   // in the demo shop's team
        (await host.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("host." + Unique(), "Host Creator", null, null))).EnsureSuccessStatusCode();
        await SaveProgramAsync(owner, DemoSeeder.DemoShopId, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 7, true, []));

        var join = await host.Http.PostAsync(ApiRoutes.CreatorProgramJoin(DemoSeeder.DemoShopId), null);
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.CreatorProgramInvalid), (join.StatusCode, (await Problem.ReadAsync(join)).Code));
        var rate = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopCreator(DemoSeeder.DemoShopId, host.User.Id!.Value), new ProgramCreatorRequest(CreatorStatus.Approved, 0.5m));
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.CreatorProgramInvalid), (rate.StatusCode, (await Problem.ReadAsync(rate)).Code));
        Assert.DoesNotContain((await owner.Http.GetFromJsonAsync<List<ProgramCreatorDto>>(ApiRoutes.ShopCreators(DemoSeeder.DemoShopId)))!, c => c.CreatorId == host.User.Id);

        // The opened list saved again with other products replaces the first (the JSON column is rewritten whole).
        var (seller, shop) = await factory.RegisterSellerAsync("Relist " + Unique());
        var first = await LiveRoom.AddProductAsync(seller, shop.Id, "First", 10m);
        var second = await LiveRoom.AddProductAsync(seller, shop.Id, "Second", 20m);
        await SaveProgramAsync(seller, shop.Id, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 7, false, [new ProgramProductDto(first, 0.2m)]));
        await SaveProgramAsync(seller, shop.Id, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.1m, 7, false, [new ProgramProductDto(second, null), new ProgramProductDto(first, 0.05m)]));
        var program = await seller.Http.GetFromJsonAsync<CreatorProgramDto>(ApiRoutes.ShopCreatorProgram(shop.Id));
        Assert.Equal([new ProgramProductDto(second, null), new ProgramProductDto(first, 0.05m)], program!.Products);
    }

    [Fact]
    public async Task DeletingTheAccount_DeletesTheCreatorProfile_AndFreesTheHandle()
    {
        var creator = await CreatorAsync("leaving");
        var profile = await creator.Http.GetFromJsonAsync<CreatorProfileDto>(ApiRoutes.CreatorProfile);
        await JoinOpenDemoAsync(creator);

        (await creator.Http.PostAsJsonAsync(ApiRoutes.DeleteAccount, new LiveShop.Shared.Accounts.DeleteAccountRequest("Passw0rd-test"))).EnsureSuccessStatusCode();

        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        Assert.DoesNotContain((await owner.Http.GetFromJsonAsync<List<ProgramCreatorDto>>(ApiRoutes.ShopCreators(DemoSeeder.DemoShopId)))!, c => c.CreatorId == creator.User.Id);
        var next = await factory.RegisterAsync(asHost: false, "Next Creator");
        var reused = await next.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest(profile!.Handle, "Next", null, null));
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }

    private async Task JoinOpenDemoAsync(SignedIn creator)
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        await SaveProgramAsync(owner, DemoSeeder.DemoShopId, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.12m, 14, true, []));
        await JoinAsync(creator, DemoSeeder.DemoShopId);
    }

    [Fact]
    public async Task Avatar_GoesThroughThePhotoPipeline_ShowsToTheBrand_ReplacedAndRemoved()
    {
        var noProfile = await factory.RegisterAsync(asHost: false, "No profile yet");
        var early = await noProfile.Http.PostAsync(ApiRoutes.CreatorAvatar, PngForm());
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.CreatorProfileInvalid), (early.StatusCode, (await Problem.ReadAsync(early)).Code));

        var creator = await CreatorAsync("face");
        var notAPhoto = new MultipartFormDataContent { { new ByteArrayContent("not a photo"u8.ToArray()), "file", "me.png" } };
        var refused = await creator.Http.PostAsync(ApiRoutes.CreatorAvatar, notAPhoto);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null((await creator.Http.GetFromJsonAsync<CreatorProfileDto>(ApiRoutes.CreatorProfile))!.AvatarUrl);

        // Stored as WebP renditions (re-encoded: nothing of the upload's own bytes or metadata is served).
        var first = (await (await creator.Http.PostAsync(ApiRoutes.CreatorAvatar, PngForm())).Content.ReadFromJsonAsync<CreatorProfileDto>())!;
        Assert.EndsWith(".webp", first.AvatarUrl, StringComparison.Ordinal);
        var image = await factory.CreateClient().GetAsync(first.AvatarUrl);
        Assert.Equal(("image/webp", HttpStatusCode.OK), (image.Content.Headers.ContentType?.MediaType, image.StatusCode));

        // The brand sees the face of who asks to join.
        var (seller, shop) = await factory.RegisterSellerAsync("Avatar Brand " + Unique(), Currencies.Eur);
        await SaveProgramAsync(seller, shop.Id, new CreatorProgramRequest(true, CreatorApproval.Approve, 0.10m, 7, true, []));
        await JoinAsync(creator, shop.Id);
        var asked = (await seller.Http.GetFromJsonAsync<List<ProgramCreatorDto>>(ApiRoutes.ShopCreators(shop.Id)))!;
        Assert.Equal(first.AvatarUrl, Assert.Single(asked).AvatarUrl);

        // A new photo replaces the old one, whose files are gone; removing it leaves initials.
        var second = (await (await creator.Http.PostAsync(ApiRoutes.CreatorAvatar, PngForm())).Content.ReadFromJsonAsync<CreatorProfileDto>())!;
        Assert.NotEqual(first.AvatarUrl, second.AvatarUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(first.AvatarUrl)).StatusCode);
        var removed = (await (await creator.Http.DeleteAsync(ApiRoutes.CreatorAvatar)).Content.ReadFromJsonAsync<CreatorProfileDto>())!;
        Assert.Null(removed.AvatarUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(second.AvatarUrl)).StatusCode);
    }

    private static MultipartFormDataContent PngForm()
    {
        var png = new ByteArrayContent(TestImages.Encode(SkiaSharp.SKEncodedImageFormat.Png, 400, 400));
        png.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { png, "file", "me.png" } };
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task<SignedIn> CreatorAsync(string prefix)
    {
        var creator = await factory.RegisterAsync(asHost: false, "Creator " + prefix);
        var response = await creator.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest($"{prefix}.{Unique()}", "Creator " + prefix, "Live every Friday", ["@" + prefix]));
        response.EnsureSuccessStatusCode();
        return creator;
    }

    private static async Task SaveProgramAsync(SignedIn who, Guid shopId, CreatorProgramRequest request) =>
        (await who.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(shopId), request)).EnsureSuccessStatusCode();

    private static async Task<BrandProgramDto> JoinAsync(SignedIn creator, Guid shopId)
    {
        var response = await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(shopId), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BrandProgramDto>())!;
    }

    private static async Task DecideAsync(SignedIn who, Guid shopId, Guid creatorId, ProgramCreatorRequest request) =>
        (await who.Http.PutAsJsonAsync(ApiRoutes.ShopCreator(shopId, creatorId), request)).EnsureSuccessStatusCode();

    private static async Task<List<CreatorProductDto>> ProductsAsync(SignedIn creator) =>
        (await creator.Http.GetFromJsonAsync<List<CreatorProductDto>>(ApiRoutes.CreatorProducts))!;
}
