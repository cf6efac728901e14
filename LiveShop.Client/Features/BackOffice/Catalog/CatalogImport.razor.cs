using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// The catalog CSV import in two steps: choose a file and see what it would do (the server checks it
/// and writes nothing: every error by line and column, or "N new, M updated"), then Import it. The
/// file's bytes stay in memory between the two calls, so the import is exactly what was previewed.
/// </summary>
public sealed partial class CatalogImport
{
    private byte[]? _bytes;
    private string? _fileName;
    private CsvImportResultDto? _result;
    private string? _error;
    private bool _busy;

    /// <summary>The shop the products are imported into.</summary>
    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    /// <summary>The server's sentence for a file over <see cref="Limits.CsvImportMaxBytes"/>, said before uploading it.</summary>
    private string TooLargeMessage => T["A catalog CSV can be at most {0} MB; this one is larger. Split it and import the parts.", Limits.CsvImportMaxBytes / (1024 * 1024)];

    /// <summary>The intro's tip around its link to the export.</summary>
    private string[] TipParts => T["Tip: {0} to get a file in the right shape."].Value.Split("{0}");

    private async Task ChooseAsync(InputFileChangeEventArgs e)
    {
        _result = null;
        _error = null;
        _bytes = null;
        var file = e.File;
        _fileName = file.Name;
        if (file.Size > Limits.CsvImportMaxBytes)
        {
            _error = TooLargeMessage;
            return;
        }

        _busy = true;
        try
        {
            using var buffer = new MemoryStream((int)file.Size);
            await using (var stream = file.OpenReadStream(Limits.CsvImportMaxBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            _bytes = buffer.ToArray();
            _result = await Api.ImportCatalogAsync(ShopId, _bytes, file.Name, apply: false);
        }
        catch (IOException)
        {
            _error = T["We could not read that file. Choose it again."];
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException)
        {
            _error = ex is ApiException api ? api.Message : T["We could not reach LiveShop to check the file."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ImportAsync()
    {
        if (_bytes is null || _fileName is null || _result is null || _result.Errors.Count > 0)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            // Applying checks every row again: if the catalog changed since the preview, the errors come back instead.
            _result = await Api.ImportCatalogAsync(ShopId, _bytes, _fileName, apply: true);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException)
        {
            _error = ex is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing was imported; try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }
}
