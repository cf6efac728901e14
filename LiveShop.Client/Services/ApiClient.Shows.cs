using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Services;

// Editing a scheduled show (issue 11): its form, the edit itself and its poster.
public sealed partial class ApiClient
{
    /// <summary>What the edit form starts from: the show, its commission and co-host's email (editors only).</summary>
    public Task<ShowEditDto> ShowForEditAsync(Guid showId) => GetAsync(ApiRoutes.Show(showId) + "/edit", Json.ShowEditDto);

    /// <summary>Edits a scheduled show; answers the show as it is now.</summary>
    public Task<ShowDetailDto> UpdateShowAsync(Guid showId, UpdateShowRequest request) =>
        PutAsync(ApiRoutes.Show(showId), request, Json.UpdateShowRequest, Json.ShowDetailDto);

    /// <summary>Uploads the show's poster (JPEG, PNG or WebP) as the multipart field <c>file</c>; answers the show with it.</summary>
    public async Task<ShowDetailDto> SetShowPosterAsync(Guid showId, Stream content, string fileName, string contentType)
    {
        using var form = CatalogFileForm(new StreamContent(content), fileName, contentType);
        return await ReadAsync(await http.PostAsync(ApiRoutes.Show(showId) + "/poster", form), Json.ShowDetailDto);
    }

    /// <summary>Removes the show's poster (its first product's photo is the cover again).</summary>
    public async Task<ShowDetailDto> RemoveShowPosterAsync(Guid showId) =>
        await ReadAsync(await http.DeleteAsync(ApiRoutes.Show(showId) + "/poster"), Json.ShowDetailDto);
}
