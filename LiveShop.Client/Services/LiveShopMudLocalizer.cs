using System.Collections.Frozen;
using LiveShop.Client.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Services;

/// <summary>
/// MudBlazor's own words (the data grid's "Select all rows" and "Loading…", the pagination's "Next page", "Close" on alerts,
/// chips and dialogs, "Clear" on inputs, the pickers' month buttons) in the person's language. Each MudBlazor key maps to
/// MudBlazor's English text, which is the key of the translation in <see cref="ShopText"/>. A key not listed (or a text
/// with no translation) answers "not found", and MudBlazor falls back to its English. In English MudBlazor does not ask.
/// </summary>
public sealed class LiveShopMudLocalizer(IStringLocalizer<ShopText> T) : MudLocalizer
{
    /// <summary>MudBlazor's keys (LanguageResource in MudBlazor 9.12) and their English text.</summary>
    internal static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["MudAlert_Close"] = "Close",
        ["MudChip_Close"] = "Close",
        ["MudDialog_Close"] = "Close",
        ["MudSnackbar_Close"] = "Close",
        ["MudInput_Clear"] = "Clear",
        ["MudInput_Increment"] = "Increment",
        ["MudInput_Decrement"] = "Decrement",
        ["MudFormComponent_Required"] = "Required",
        ["MudSelect_SelectAll"] = "Select all",
        ["MudNavGroup_ToggleExpand"] = "Toggle {0}",
        ["MudBaseDatePicker_Open"] = "Open",
        ["MudBaseDatePicker_NextMonth"] = "Next month {0}",
        ["MudBaseDatePicker_PrevMonth"] = "Previous month {0}",
        ["MudBaseDatePicker_NextYear"] = "Next year {0}",
        ["MudBaseDatePicker_PrevYear"] = "Previous year {0}",
        ["MudDateRangePicker_Start"] = "Start date",
        ["MudDateRangePicker_End"] = "End date",
        ["MudTimePicker_Open"] = "Open",
        ["MudRangeInput_Start"] = "Start",
        ["MudRangeInput_End"] = "End",
        ["MudPagination_FirstPage"] = "First page",
        ["MudPagination_PreviousPage"] = "Previous page",
        ["MudPagination_NextPage"] = "Next page",
        ["MudPagination_LastPage"] = "Last page",
        ["MudPagination_PageIndex"] = "Page {0}",
        ["MudPagination_CurrentPage"] = "Current page {0}",
        ["MudDataGridPager_FirstPage"] = "First page",
        ["MudDataGridPager_PreviousPage"] = "Previous page",
        ["MudDataGridPager_NextPage"] = "Next page",
        ["MudDataGridPager_LastPage"] = "Last page",
        ["MudDataGridPager_RowsPerPage"] = "Rows per page:",
        ["MudDataGridPager_AllItems"] = "All",
        ["MudDataGridPager_InfoFormat"] = "{0}-{1} of {2}",
        ["MudTablePager_FirstPage"] = "First page",
        ["MudTablePager_PreviousPage"] = "Previous page",
        ["MudTablePager_NextPage"] = "Next page",
        ["MudTablePager_LastPage"] = "Last page",
        ["MudTable_Loading"] = "Loading…",
        ["MudTable_SelectAllRows"] = "Select all rows",
        ["MudTable_SelectRow"] = "Select row",
        ["MudTable_EditRow"] = "Edit row",
        ["MudTable_CommitRow"] = "Commit edit",
        ["MudTable_CancelEditRow"] = "Cancel edit",
        ["MudTabs_ScrollLeft"] = "Scroll tabs left",
        ["MudTabs_ScrollRight"] = "Scroll tabs right",
        ["MudTabs_ScrollUp"] = "Scroll tabs up",
        ["MudTabs_ScrollDown"] = "Scroll tabs down",
        ["MudTabs_CloseTab"] = "Close tab",
        ["MudFileUpload_Button"] = "Browse files",
        ["MudFileUpload_DragAndDrop"] = "Drag files here or click to browse",
        ["MudDataGrid_Loading"] = "Loading…",
        ["MudDataGrid_SelectAllRows"] = "Select all rows",
        ["MudDataGrid_SelectRow"] = "Select row",
        ["MudDataGrid_Sort"] = "Sort",
        ["MudDataGrid_Unsort"] = "Unsort",
        ["MudDataGrid_Filter"] = "Filter",
        ["MudDataGrid_OpenFilters"] = "Open filters",
        ["MudDataGrid_AddFilter"] = "Add filter",
        ["MudDataGrid_RemoveFilter"] = "Remove filter",
        ["MudDataGrid_ClearFilter"] = "Clear filter",
        ["MudDataGrid_FilterValue"] = "Filter value",
        ["MudDataGrid_Apply"] = "Apply",
        ["MudDataGrid_Cancel"] = "Cancel",
        ["MudDataGrid_Clear"] = "Clear",
        ["MudDataGrid_Save"] = "Save",
        ["MudDataGrid_Column"] = "Column",
        ["MudDataGrid_Columns"] = "Columns",
        ["MudDataGrid_ShowColumnOptions"] = "Column options",
        ["MudDataGrid_Hide"] = "Hide",
        ["MudDataGrid_HideAll"] = "Hide all",
        ["MudDataGrid_ShowAll"] = "Show all",
        ["MudDataGrid_Group"] = "Group",
        ["MudDataGrid_Ungroup"] = "Ungroup",
        ["MudDataGrid_ExpandGroup"] = "Expand group",
        ["MudDataGrid_CollapseGroup"] = "Collapse group",
        ["MudDataGrid_ExpandAllGroups"] = "Expand all groups",
        ["MudDataGrid_CollapseAllGroups"] = "Collapse all groups",
        ["MudDataGrid_ToggleGroupExpansion"] = "Toggle group",
        ["MudDataGrid_MoveUp"] = "Move up",
        ["MudDataGrid_MoveDown"] = "Move down",
        ["MudDataGrid_ReorderColumn"] = "Reorder column",
        ["MudDataGrid_RefreshData"] = "Refresh data",
        ["MudDataGrid_Operator"] = "Operator",
        ["MudDataGrid_Value"] = "Value",
        ["MudDataGrid_True"] = "true",
        ["MudDataGrid_False"] = "false",
        ["MudDataGrid_Contains"] = "contains",
        ["MudDataGrid_NotContains"] = "not contains",
        ["MudDataGrid_Equals"] = "equals",
        ["MudDataGrid_NotEquals"] = "not equals",
        ["MudDataGrid_StartsWith"] = "starts with",
        ["MudDataGrid_EndsWith"] = "ends with",
        ["MudDataGrid_IsEmpty"] = "is empty",
        ["MudDataGrid_IsNotEmpty"] = "is not empty",
        ["MudDataGrid_Is"] = "is",
        ["MudDataGrid_IsNot"] = "is not",
        ["MudDataGrid_IsAnyOf"] = "is any of",
        ["MudDataGrid_IsAfter"] = "is after",
        ["MudDataGrid_IsOnOrAfter"] = "is on or after",
        ["MudDataGrid_IsBefore"] = "is before",
        ["MudDataGrid_IsOnOrBefore"] = "is on or before",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override LocalizedString this[string key] => Translate(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Translate(key, arguments);

    private LocalizedString Translate(string key, object[] arguments)
    {
        if (!English.TryGetValue(key, out var english))
        {
            return new LocalizedString(key, key, resourceNotFound: true);
        }

        // Without arguments the text is taken as it is: "Toggle {0}" asked for bare must not be formatted.
        var text = arguments.Length == 0 ? T[english] : T[english, arguments];
        return new LocalizedString(key, text.Value, text.ResourceNotFound);
    }
}
