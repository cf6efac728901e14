using LiveShop.Client.Components;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using LiveShop.Client.Resources;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>Asks for the carrier and the tracking numbers; closes with the <see cref="FulfilOrdersRequest"/> to send (it sends nothing itself).</summary>
public sealed partial class ShipDialog
{
    private readonly Dictionary<Guid, string?> _tracking = [];
    private string? _carrier;
    private string? _link;
    private string? _error;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    /// <summary>The orders being shipped (at least one).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<OrderDto> Orders { get; set; } = [];

    protected override void OnParametersSet()
    {
        foreach (var order in Orders)
        {
            _tracking.TryAdd(order.Id, null);
        }
    }

    private void Confirm()
    {
        if (string.IsNullOrWhiteSpace(_carrier))
        {
            _error = T["Say which carrier takes the parcels."];
            return;
        }

        if (!string.IsNullOrWhiteSpace(_link) && OrderTimeline.SafeLink(_link.Trim()) is null)
        {
            _error = T["The tracking link must start with https:// or http://."];
            return;
        }

        var tracking = Orders
            .Where(o => !string.IsNullOrWhiteSpace(_tracking.GetValueOrDefault(o.Id)) || (Orders.Count == 1 && !string.IsNullOrWhiteSpace(_link)))
            .Select(o => new OrderTrackingRequest(o.Id, _tracking.GetValueOrDefault(o.Id)?.Trim(), Orders.Count == 1 ? _link?.Trim() : null))
            .ToList();
        Dialog.Close(DialogResult.Ok(new FulfilOrdersRequest([.. Orders.Select(o => o.Id)], OrderStatus.Shipped, _carrier.Trim(), tracking)));
    }

    private void Cancel() => Dialog.Cancel();
}
