using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hotline.Host.Http;

/// <summary>
/// Errors as <c>application/problem+json</c> (RFC 9457): <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c> naming the field, and the extensions <c>field</c>, <c>code</c> (the engine's
/// rejection code) and <c>events</c> (what the engine answered) when there are any.
/// </summary>
internal static class Problem
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>401: no key, or a key the keys file does not hold.</summary>
    public static IResult Unauthorized(string detail) =>
        new Result(StatusCodes.Status401Unauthorized, "unauthorized", "No valid API key", detail, "authorization", null, null);

    /// <summary>403: the key may not do this.</summary>
    public static IResult Forbidden(string field, string detail) =>
        new Result(StatusCodes.Status403Forbidden, "forbidden", "Not allowed for this key", detail, field, null, null);

    /// <summary>404: no such thing, or one this key may not see (the same answer, so nothing leaks).</summary>
    public static IResult NotFound(string field, string detail) =>
        new Result(StatusCodes.Status404NotFound, "not-found", "Not found", detail, field, null, null);

    /// <summary>400: the request is not readable, or breaks the schema.</summary>
    public static IResult BadRequest(string field, string detail, string? code = null) =>
        new Result(StatusCodes.Status400BadRequest, code ?? "bad-request", "Bad request", detail, field, code, null);

    /// <summary>413: the body is larger than the limit.</summary>
    public static IResult TooLarge(int limit) =>
        new Result(StatusCodes.Status413PayloadTooLarge, "too-large", "Request body too large", $"body: larger than {limit} bytes", "body", null, null);

    /// <summary>422: the engine answered <c>rejected</c>.</summary>
    public static IResult Rejected(string code, string message, IReadOnlyList<ReadOnlyMemory<byte>> events) =>
        new Result(StatusCodes.Status422UnprocessableEntity, "rejected", $"Rejected: {code}", message, FieldOf(message), code, events);

    /// <summary>503: the engine is stopping, or cannot write its journal.</summary>
    public static IResult Unavailable(string detail) =>
        new Result(StatusCodes.Status503ServiceUnavailable, "unavailable", "Engine unavailable", detail, null, null, null);

    /// <summary>The field a protocol message names (<c>"unit: missing"</c> → <c>unit</c>), or null.</summary>
    public static string? FieldOf(string message)
    {
        int colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !message.AsSpan(0, colon).ContainsAny(' ', '"', '\'') ? message[..colon] : null;
    }

    private sealed class Result(int status, string type, string title, string detail, string? field, string? code, IReadOnlyList<ReadOnlyMemory<byte>>? events) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var w = new Utf8JsonWriter(buffer, Options))
            {
                w.WriteStartObject();
                w.WriteString("type", $"urn:hotline:problem:{type}");
                w.WriteString("title", title);
                w.WriteNumber("status", status);
                w.WriteString("detail", detail);
                if (field is not null)
                {
                    w.WriteString("field", field);
                }

                if (code is not null)
                {
                    w.WriteString("code", code);
                }

                if (events is not null)
                {
                    w.WriteStartArray("events");
                    foreach (var e in events)
                    {
                        w.WriteRawValue(e.Span, skipInputValidation: true);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/problem+json";
            if (status == StatusCodes.Status401Unauthorized)
            {
                response.Headers.WWWAuthenticate = "Bearer";
            }

            response.ContentLength = buffer.WrittenCount;
            return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
        }
    }
}
