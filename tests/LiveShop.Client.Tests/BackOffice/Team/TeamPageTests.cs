using System.Net;
using Bunit.TestDoubles;
using System.Text.Json;
using LiveShop.Client.Features.BackOffice.Team;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveShop.Client.Tests.BackOffice.Team;

public sealed class TeamPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid OwnerId = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");
    private static readonly Guid HostId = Guid.Parse("0193a000-0000-7000-8000-0000000000b2");
    private static readonly DateTimeOffset Added = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeApi _api;

    public TeamPageTests()
        : this(new FakeApi())
    {
    }

    private TeamPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        var shop = new ShopDto(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, "TW", Currencies.Twd, "hello@formosa.example", "Asia/Taipei", false);
        _api.Answer(HttpMethod.Get, ApiRoutes.Shop(ShopId), FakeApi.Json(HttpStatusCode.OK, shop));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopMembers(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<ShopMemberDto>
        {
            new(OwnerId, "Mei Lin", "mei@formosa.example", ShopRole.Owner, Added),
            new(HostId, "Ann Chen", "ann@formosa.example", ShopRole.Host, Added),
        }));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopInvitations(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<ShopInvitationDto>()));
    }

    [Fact]
    public void Render_AsOwner_OffersRoleSelectsRemoveAndInvite()
    {
        var page = RenderAs(OwnerId, "Mei Lin", ShopRole.Owner);

        Assert.Equal(2, page.FindAll("[data-testid=member-role]").Count);
        Assert.Single(page.FindAll("[data-testid=member-remove]"));
        Assert.Single(page.FindAll("[data-testid=leave-shop]"));
        Assert.NotNull(page.Find("[data-testid=invite-open]"));
        Assert.NotNull(page.Find("[data-testid=invitations-empty]"));
    }

    [Fact]
    public void Render_AsHost_ListsTheTeamReadOnlyWithLeave()
    {
        var page = RenderAs(HostId, "Ann Chen", ShopRole.Host);

        Assert.Empty(page.FindAll("[data-testid=member-role]"));
        Assert.Empty(page.FindAll("[data-testid=member-remove]"));
        Assert.Empty(page.FindAll("[data-testid=invite-open]"));
        Assert.Equal(["Owner", "Host"], page.FindAll("[data-testid=member-role-text]").Select(r => r.TextContent.Trim()));
        var leave = Assert.Single(page.FindAll("[data-testid=leave-shop]"));
        Assert.Equal("ann@formosa.example", leave.Closest("tr")!.GetAttribute("data-email"));
        Assert.DoesNotContain(_api.Sent, s => s.Path == ApiRoutes.ShopInvitations(ShopId));
    }

    [Fact]
    public void Invite_EmailAndRole_SendsThemAndListsTheInvitation()
    {
        var invitation = new ShopInvitationDto(Guid.NewGuid(), "leo@example.com", ShopRole.Manager, "Mei Lin", DeviceNow, DeviceNow.AddDays(7));
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopInvitations(ShopId), FakeApi.Json(HttpStatusCode.Created, invitation));
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = RenderAs(OwnerId, "Mei Lin", ShopRole.Owner);

        page.Find("[data-testid=invite-open]").Click();
        dialogs.WaitForElement("[data-testid=invite-form]");
        Assert.Contains("Products, stock, shows and orders — not the team or settings.", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("input[data-testid=invite-email], [data-testid=invite-email] input").Change("leo@example.com");
        dialogs.Find("[data-testid=invite-role-manager] input, input[data-testid=invite-role-manager]").Click();
        dialogs.Find("[data-testid=invite-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("leo@example.com", page.Find("[data-testid=invitation-row]").GetAttribute("data-email")));
        var sent = JsonSerializer.Deserialize<InviteMemberRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(new InviteMemberRequest("leo@example.com", ShopRole.Manager), sent);
        Assert.Empty(dialogs.FindAll("[data-testid=invite-form]"));
    }

    [Fact]
    public void Leave_LastOwner_ShowsTheServersSentenceAndStays()
    {
        const string sentence = "You are the last owner of Formosa Tea & Beauty: make someone else an owner first.";
        _api.Answer(HttpMethod.Delete, ApiRoutes.ShopMember(ShopId, OwnerId), FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.LastOwner, sentence));
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = RenderAs(OwnerId, "Mei Lin", ShopRole.Owner);

        page.Find("[data-testid=leave-shop]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Leave shop").Click());

        page.WaitForAssertion(() => Assert.Equal(sentence, page.Find("[data-testid=team-error]").TextContent.Trim()));
        Assert.Single(_api.Sent, s => s.Method == HttpMethod.Delete);
        Assert.Equal(2, page.FindAll("[data-testid=member-row]").Count);
        Assert.Empty(Ctx.Services.GetRequiredService<BunitNavigationManager>().History);
    }

    private IRenderedComponent<TeamPage> RenderAs(Guid userId, string name, ShopRole role)
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, role, false) }));
        var page = Ctx.Render<TeamPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(userId, name, Roles.Host)));
        page.WaitForElement("[data-testid=members-table]");
        return page;
    }
}
