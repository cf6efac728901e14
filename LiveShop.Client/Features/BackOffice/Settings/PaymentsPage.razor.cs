using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Settings;

/// <summary>
/// A shop's payment settings (owners and managers): its Stripe keys and webhook, cash on delivery, bank transfer.
/// Secrets are write-only: the page shows whether each is set, a blank field keeps it, "Disconnect" removes them.
/// </summary>
public sealed partial class PaymentsPage
{
    private ShopPaymentSettingsDto? _settings;
    private PaymentsModel? _model;
    private bool _busy;
    private string? _loadError;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private bool IsLive => _settings?.StripePublishableKey?.StartsWith("pk_live_", StringComparison.Ordinal) == true;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            Show(await Api.ShopPaymentsAsync(ShopId));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the payment settings. Try again in a moment."].Value;
        }
    }

    private Task SaveAsync() => SendAsync(_model!.ToRequest(), T["Saved."]);

    private Task DisconnectAsync() => SendAsync(_model!.ToRequest() with { StripePublishableKey = "", StripeSecretKey = "", StripeWebhookSecret = "" }, T["Stripe is disconnected."]);

    private async Task SendAsync(SaveShopPaymentSettingsRequest request, string done)
    {
        _busy = true;
        _error = null;
        try
        {
            Show(await Api.SaveShopPaymentsAsync(ShopId, request));
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Your changes are still here: try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(ShopPaymentSettingsDto settings)
    {
        _settings = settings;
        _model = PaymentsModel.From(settings);
    }
}
