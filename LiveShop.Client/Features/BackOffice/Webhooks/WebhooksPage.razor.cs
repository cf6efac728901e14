using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Webhooks;

/// <summary>
/// A shop's webhook endpoints (owners and managers): add one (URL and events) and see its signing secret once,
/// with a copy button; roll the secret; pause, delete; per endpoint the latest deliveries (event, status,
/// attempts, last answer, next retry) with Resend; "Send test event". Refusals show the server's sentence.
/// </summary>
public sealed partial class WebhooksPage
{
    private ShopRole? _role;
    private List<WebhookEndpointDto>? _endpoints;
    private IReadOnlyList<WebhookDeliveryDto>? _deliveries;
    private Guid? _openId;
    private WebhookSecretDto? _secret;
    private EndpointForm? _form;
    private bool _busy;
    private bool _copied;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private bool CanManage => _role is { } role && WebhookPermissions.CanManage(role);

    /// <summary>The navigation learned the caller's role: load the endpoints when it may manage them.</summary>
    private async Task OnShopLoadedAsync(MyShopDto shop)
    {
        _role = shop.Role;
        _endpoints = null;
        _openId = null;
        if (CanManage)
        {
            await RunAsync(async () => _endpoints = [.. await Api.WebhooksAsync(ShopId)]);
        }
    }

    private void OpenForm() => _form = new EndpointForm();

    private void Toggle(string type, bool on)
    {
        _form!.Events.Remove(type);
        if (on)
        {
            _form.Events.Add(type);
        }
    }

    private Task SaveAsync() => RunAsync(async () =>
    {
        var request = new SaveWebhookEndpointRequest(_form!.Url.Trim(), _form.Description, [.. WebhookEventTypes.All.Where(_form.Events.Contains)]);
        var created = await Api.CreateWebhookAsync(ShopId, request);
        _endpoints = [.. _endpoints ?? [], created.Endpoint];
        _form = null;
        ShowSecret(created);
    });

    private Task RollAsync(WebhookEndpointDto endpoint) => RunAsync(async () =>
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["Roll the signing secret?"],
            T["A new secret signs every delivery from now on; the old one stops working at once. Update your receiver right after."],
            yesText: T["Roll secret"], cancelText: T["Cancel"]);
        if (confirmed == true)
        {
            ShowSecret(await Api.RollWebhookSecretAsync(ShopId, endpoint.Id));
        }
    });

    private Task DeleteAsync(WebhookEndpointDto endpoint) => RunAsync(async () =>
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["Delete this endpoint?"], T["Nothing more is sent to {0}, and its deliveries are forgotten.", endpoint.Url],
            yesText: T["Delete"], cancelText: T["Cancel"]);
        if (confirmed == true)
        {
            await Api.DeleteWebhookAsync(ShopId, endpoint.Id);
            _endpoints?.RemoveAll(e => e.Id == endpoint.Id);
            if (_openId == endpoint.Id)
            {
                _openId = null;
            }
        }
    });

    private Task ShowDeliveriesAsync(WebhookEndpointDto endpoint) => RunAsync(async () =>
    {
        if (_openId == endpoint.Id)
        {
            _openId = null;
            return;
        }

        _openId = endpoint.Id;
        _deliveries = null;
        _deliveries = await Api.WebhookDeliveriesAsync(ShopId, endpoint.Id);
    });

    private Task SendTestAsync(WebhookEndpointDto endpoint) => RunAsync(async () =>
    {
        await Api.SendTestWebhookAsync(ShopId, endpoint.Id);
        Snackbar.Add(T["Test event queued for {0}.", endpoint.Url].Value, Severity.Success);
        if (_openId == endpoint.Id)
        {
            _deliveries = await Api.WebhookDeliveriesAsync(ShopId, endpoint.Id);
        }
    });

    private Task ResendAsync(WebhookEndpointDto endpoint, WebhookDeliveryDto delivery) => RunAsync(async () =>
    {
        var resent = await Api.ResendWebhookAsync(ShopId, endpoint.Id, delivery.Id);
        _deliveries = [.. (_deliveries ?? []).Select(d => d.Id == resent.Id ? resent : d)];
        Snackbar.Add(T["{0} will be delivered again.", delivery.EventType].Value, Severity.Info);
    });

    private async Task CopySecretAsync()
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", _secret!.Secret);
            _copied = true;
        }
        catch (JSException)
        {
            _error = T["The browser did not allow copying: select the secret and copy it by hand."];
        }
    }

    private void ShowSecret(WebhookSecretDto secret)
    {
        _secret = secret;
        _copied = false;
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again in a moment."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private static Color StatusColor(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => Color.Info,
        WebhookDeliveryStatus.Delivered => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Error,
    };

    private string StatusText(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => T["Pending"],
        WebhookDeliveryStatus.Delivered => T["Delivered"],
        WebhookDeliveryStatus.Failed => T["Failed"],
    };

    private string LastAnswer(WebhookDeliveryDto delivery) => delivery.Attempts.Count == 0
        ? "—"
        : delivery.LastStatusCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : T["No answer"];

    private sealed class EndpointForm
    {
        public string Url { get; set; } = "";

        public string? Description { get; set; }

        public HashSet<string> Events { get; } = [.. WebhookEventTypes.All.Where(t => t.StartsWith("order.", StringComparison.Ordinal))];
    }
}
