using Microsoft.AspNetCore.Http;

namespace Hotline.Host.Http;

/// <summary>
/// Lets a request through only with a key of the keys file, as <c>Authorization: Bearer KEY</c> or
/// <c>X-Api-Key: KEY</c>; otherwise 401. The handler finds the caller with <see cref="CallerOf"/>.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeys keys) : IEndpointFilter
{
    private static readonly object CallerKey = new();

    /// <summary>The caller the filter let through.</summary>
    public static Caller CallerOf(HttpContext http) =>
        http.Items.TryGetValue(CallerKey, out var caller) && caller is Caller c
            ? c
            : throw new InvalidOperationException("the endpoint is not behind the API key filter");

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        string? key = null;
        string? authorization = request.Headers.Authorization;
        if (authorization is not null)
        {
            const string Bearer = "Bearer ";
            if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            {
                return Problem.Unauthorized("authorization: expected 'Bearer KEY'");
            }

            key = authorization[Bearer.Length..].Trim();
        }
        else if (request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            key = apiKey.ToString().Trim();
        }

        if (key is null)
        {
            return Problem.Unauthorized("authorization: no API key (send 'Authorization: Bearer KEY' or 'X-Api-Key: KEY')");
        }

        if (keys.Resolve(key) is not { } caller)
        {
            return Problem.Unauthorized("authorization: the API key is not valid");
        }

        context.HttpContext.Items[CallerKey] = caller;
        return await next(context).ConfigureAwait(false);
    }
}
