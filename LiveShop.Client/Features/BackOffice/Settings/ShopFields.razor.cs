using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Features.BackOffice.Settings;

/// <summary>The fields of a shop's settings. The form around it owns the submit and the validation.</summary>
public sealed partial class ShopFields
{
    /// <summary>The settings being edited; the component writes the person's input into it.</summary>
    [Parameter, EditorRequired] public ShopFieldsModel Model { get; set; } = default!;

    /// <summary>Shows the settings without letting them change (members who are not owners).</summary>
    [Parameter] public bool ReadOnly { get; set; }
}
