using Microsoft.AspNetCore.Http;

namespace Hotline.Host.Http;

/// <summary>
/// <c>GET /openapi.json</c> (no key): the OpenAPI 3 document of this face, written by hand
/// (<c>Http/openapi.json</c>, embedded) because the handlers write their own JSON; a test checks
/// that it names exactly the routes the server maps.
/// </summary>
internal static class OpenApiEndpoint
{
    private static readonly Lazy<byte[]> Document = new(Load);

    /// <summary>The document's bytes.</summary>
    public static byte[] Bytes => Document.Value;

    /// <summary>Serves the document.</summary>
    public static IResult Handle() => Results.Bytes(Bytes, "application/json");

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream("Hotline.Host.Http.openapi.json")
            ?? throw new InvalidOperationException("the OpenAPI document is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
