using LiveShop.Client.Services;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Components.Sales;

/// <summary>
/// Loads the signed-in host's earnings (as host or co-host) once interactive — the API needs the
/// browser's sign-in cookie — and again when the period changes. A slower answer for the period the
/// host left is dropped.
/// </summary>
public sealed partial class HostEarningsCard
{
    private static readonly int[] Periods = [7, 30];

    private int _days = 7;
    private int _request;
    private EarningsReportDto? _report;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            await LoadAsync();
        }
    }

    private async Task ChangePeriodAsync(int days)
    {
        if (days == _days)
        {
            return;
        }

        _days = days;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var request = ++_request;
        _report = null;
        _error = null;
        var to = Clock.GetUtcNow();
        try
        {
            var report = await Api.EarningsAsync(to.AddDays(-_days), to);
            if (request == _request)
            {
                _report = report;
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            if (request == _request)
            {
                _error = T["Your earnings could not be loaded: {0}", e.Message];
            }
        }
    }

    private string RoleText(string role) => role.Equals("CoHost", StringComparison.OrdinalIgnoreCase) || role.Equals("Co-host", StringComparison.OrdinalIgnoreCase)
        ? T["Co-host"]
        : role.Equals("Host", StringComparison.OrdinalIgnoreCase) ? T["Host"] : role;
}
