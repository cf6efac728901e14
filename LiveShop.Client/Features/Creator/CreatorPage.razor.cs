using System.Globalization;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Creators;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.Creator;

/// <summary>
/// A creator's own page: their profile (handle, name, bio, social handles), the brands whose programs are open with
/// their terms and a Join button (or the creator's status there), and the products they may sell with their
/// commission on each. Refusals show the server's sentence.
/// </summary>
public sealed partial class CreatorPage
{
    private readonly ProfileForm _form = new();
    private CreatorProfileDto? _profile;
    private List<BrandProgramDto> _programs = [];
    private List<CreatorProductDto> _products = [];
    private bool _loading = true;
    private int _brandsVersion;
    private bool _busy;
    private bool _ownsShop;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await RunAsync(async () =>
        {
            _profile = await Api.CreatorProfileAsync();   // null: no profile yet, the form creates one
            if (_profile is not null)
            {
                _form.Fill(_profile);
            }

            await ReloadAsync();
        });
        _loading = false;
    }

    private Task SaveProfileAsync() => RunAsync(async () =>
    {
        var created = _profile is null;
        _profile = await Api.SaveCreatorProfileAsync(new CreatorProfileRequest(_form.Handle, _form.DisplayName, _form.Bio,
            [.. (_form.Socials ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]));
        _form.Fill(_profile);
        Snackbar.Add(created ? T["Profile created: now join brands below."] : T["Profile saved."], Severity.Success);
    });

    /// <summary>A new photo for the profile: checked for size here, then resized and re-encoded by the server.</summary>
    private async Task UploadAvatarAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > LiveShop.Shared.Limits.ImageMaxBytes)
        {
            _error = T["A photo can be at most {0} MB; {1} is larger. Export it smaller and retry.", LiveShop.Shared.Limits.ImageMaxBytes / (1024 * 1024), file.Name];
            return;
        }

        await RunAsync(async () =>
        {
            await using var stream = file.OpenReadStream(LiveShop.Shared.Limits.ImageMaxBytes);
            _profile = await Api.SetCreatorAvatarAsync(stream, file.Name, file.ContentType);
        });
    }

    private Task RemoveAvatarAsync() => RunAsync(async () => _profile = await Api.RemoveCreatorAvatarAsync());

    /// <summary>The initials that stand in for a missing photo ("Mei Lin" → "ML", one character for a CJK name).</summary>
    private static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => StringInfo.GetNextTextElement(parts[0]).ToUpperInvariant(),
            _ => (StringInfo.GetNextTextElement(parts[0]) + StringInfo.GetNextTextElement(parts[^1])).ToUpperInvariant(),
        };
    }

    private Task JoinAsync(BrandProgramDto program) => RunAsync(async () =>
    {
        var joined = await Api.JoinBrandProgramAsync(program.ShopId);
        Snackbar.Add(joined.MyStatus == CreatorStatus.Approved ? T["You are in: {0}'s products are yours to sell.", joined.BrandName] : T["Asked: {0} decides.", joined.BrandName], Severity.Success);
        await ReloadAsync();
    });

    private async Task ReloadAsync()
    {
        _programs = await Api.BrandProgramsAsync();
        _products = await Api.CreatorProductsAsync();
        _ownsShop = await OwnsShopAsync();
        _brandsVersion++;
    }

    /// <summary>Whether the caller owns a shop (their channel) to schedule their own shows in; false when that cannot be read.</summary>
    private async Task<bool> OwnsShopAsync()
    {
        try
        {
            return (await Api.MyShopsAsync()).Any(s => s.Role == LiveShop.Shared.Shops.ShopRole.Owner && !s.IsSuspended);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            return false;
        }
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        _error = await ApiAction.RunAsync(action, T["We could not reach LiveShop. Try again in a moment."]);
        _busy = false;
    }

    /// <summary>The panel's calls, run the page's way; true when nothing was refused.</summary>
    private async Task<bool> TryAsync(Func<Task> action)
    {
        await RunAsync(action);
        StateHasChanged();
        return _error is null;
    }

    private static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.CurrentCulture) + " %";

    private string Terms(BrandProgramDto program) => program.MaxRate > program.DefaultRate
        ? T["{0} commission, up to {1} on some products", Percent(program.DefaultRate), Percent(program.MaxRate)]
        : T["{0} commission", Percent(program.DefaultRate)];

    private string JoinLabel(BrandProgramDto program) =>
        program.MyStatus is null ? (program.Approval == CreatorApproval.Anyone ? T["Join"] : T["Ask to join"]) : T["Ask again"];

    private string StatusText(CreatorStatus status) => status switch
    {
        CreatorStatus.Approved => T["You are in"],
        CreatorStatus.Pending => T["Waiting for the brand"],
        CreatorStatus.Paused => T["Paused by the brand"],
        _ => status.ToString(),
    };

    private sealed class ProfileForm
    {
        public string Handle { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? Bio { get; set; }

        public string? Socials { get; set; }

        public void Fill(CreatorProfileDto profile)
        {
            Handle = profile.Handle;
            DisplayName = profile.DisplayName;
            Bio = profile.Bio;
            Socials = string.Join('\n', profile.Socials);
        }
    }
}
