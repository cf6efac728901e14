using LiveShop.Client.Services;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Features.Setup;

/// <summary>Placed on the home page: once interactive, asks the server whether setup is needed and, if so, goes to <c>/setup</c>.</summary>
public sealed partial class SetupRedirect
{
    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            if ((await Api.SetupStatusAsync()).Needed)
            {
                Navigation.NavigateTo("/setup");
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // The home page works without knowing: it just stays.
        }
    }
}
