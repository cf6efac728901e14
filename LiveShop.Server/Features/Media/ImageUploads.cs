using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using Microsoft.AspNetCore.Http.Metadata;

namespace LiveShop.Server.Features.Media;

/// <summary>Endpoint conventions for endpoints that take a photo as multipart form data.</summary>
public static class ImageUploads
{
    /// <summary>What a request may carry besides the photo (multipart headers, a few form fields).</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    /// <summary>The request body limit of an upload endpoint: the photo limit plus <see cref="FormOverheadBytes"/>.</summary>
    public const long MaxRequestBytes = Limits.ImageMaxBytes + FormOverheadBytes;

    /// <summary>
    /// Lets the endpoint take one photo (bind an <see cref="IFormFile"/> and pass it to
    /// <see cref="StoreImage.StoreAsync(IFormFile, CancellationToken)"/>): the body limit becomes
    /// <see cref="MaxRequestBytes"/> (Kestrel's own is 30 MB), the multipart limit the same, and a body
    /// over it is answered 413 <c>image-too-large</c> ProblemDetails instead of a bare status. A photo
    /// between the two limits is refused the same way by <see cref="StoreImage"/>.
    /// Antiforgery is left as it is: a cookie-authenticated form endpoint keeps its token check unless
    /// the endpoint decides otherwise.
    /// </summary>
    public static TBuilder AcceptsImageUpload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(ImageUploadLimit.Instance);
        builder.WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes);
        return builder;
    }

    private sealed class ImageUploadLimit : IRequestSizeLimitMetadata, ITooLargeRequestProblem
    {
        public static readonly ImageUploadLimit Instance = new();

        public long? MaxRequestBodySize => MaxRequestBytes;

        public string Code => ProblemCodes.ImageTooLarge;

        public string Detail => StoreImage.TooLarge().Message;
    }
}
