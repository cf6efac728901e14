using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using Microsoft.AspNetCore.Http.Metadata;

namespace LiveShop.Server.Features.Media;

/// <summary>Endpoint conventions for endpoints that take a photo as multipart form data.</summary>
public static class ImageUploads
{
    /// <summary>What a request may carry besides the photo (multipart headers, a few form fields).</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    /// <summary>The largest request body an upload endpoint takes: the photo limit plus <see cref="FormOverheadBytes"/>.</summary>
    public const long MaxRequestBytes = Limits.ImageMaxBytes + FormOverheadBytes;

    /// <summary>
    /// Bodies up to this size are read to their end (and thrown away) before the 413 is written. A
    /// server that answers while the client is still sending and then closes the connection makes the
    /// client see "connection reset" instead of the answer; past this size that is what happens.
    /// </summary>
    public const long RefusalReadLimitBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Lets the endpoint take one photo (bind an <see cref="IFormFile"/> and pass it to
    /// <see cref="StoreImage.StoreAsync(IFormFile, CancellationToken)"/>). A request whose
    /// Content-Length passes <see cref="MaxRequestBytes"/> is refused before the form is read — 413
    /// <c>image-too-large</c> ProblemDetails, after draining the body up to
    /// <see cref="RefusalReadLimitBytes"/> so the client receives it. A body without a length (chunked;
    /// browsers always send one for a file) is read like any form up to <see cref="RefusalReadLimitBytes"/>
    /// (Kestrel refuses more, with the same 413) and, like a photo between the two limits, refused by
    /// <see cref="StoreImage"/>. Antiforgery is left as it is: a
    /// cookie-authenticated form endpoint keeps its token check unless the endpoint decides otherwise.
    /// </summary>
    public static TBuilder AcceptsImageUpload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(ImageUploadLimit.Instance);
        builder.WithFormOptions(multipartBodyLengthLimit: RefusalReadLimitBytes);

        // Runs before the endpoint binds its parameters (reading the form), which filters cannot.
        builder.Finally(endpoint =>
        {
            var next = endpoint.RequestDelegate ?? throw new InvalidOperationException("AcceptsImageUpload needs an endpoint with a handler.");
            endpoint.RequestDelegate = context => context.Request.ContentLength > MaxRequestBytes ? RefuseAsync(context) : next(context);
        });
        return builder;
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        if (context.Request.ContentLength <= RefusalReadLimitBytes)
        {
            try
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // The client gave up or the body broke off: the refusal below is all there is to say.
            }
        }

        throw StoreImage.TooLarge();
    }

    private sealed class ImageUploadLimit : IRequestSizeLimitMetadata, ITooLargeRequestProblem
    {
        public static readonly ImageUploadLimit Instance = new();

        public long? MaxRequestBodySize => RefusalReadLimitBytes;

        public string Code => ProblemCodes.ImageTooLarge;

        public DomainException Refusal => StoreImage.TooLarge();
    }
}
