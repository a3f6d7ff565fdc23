using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Host.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Hotline.Host.Tests.Http;

/// <summary>
/// <c>hotline serve</c> in the test process: real Kestrel on 127.0.0.1 with a port the system picks,
/// the Changsha sample catalog, a settable clock, and no live ticker (tests tick by hand).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string OperatorKey = "operator-key-0123456789";
    public const string FurongKey = "furong-gov-key-0123456789";
    public const string UrbanKey = "furong-urban-key-0123456789";

    /// <summary>Monday 2026-03-02 09:15 in Changsha.</summary>
    public static readonly Instant Monday = Instant.FromUtc(2026, 3, 2, 1, 15);

    public static readonly string KeysJson = $$"""
        {
          "operators": { "op-li": "{{OperatorKey}}" },
          "units": { "furong-gov": "{{FurongKey}}", "furong-urban-mgmt": ["{{UrbanKey}}"] }
        }
        """;

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private TestServer(WebApplication app, SettableClock clock, Uri address)
    {
        _app = app;
        Clock = clock;
        Address = address;
    }

    public SettableClock Clock { get; }

    public Uri Address { get; }

    public ServedEngine Served => _app.Services.GetRequiredService<ServedEngine>();

    public WebApplication App => _app;

    public static async Task<TestServer> StartAsync(Instant? now = null, string? dataDirectory = null, int maxBodyBytes = 64 * 1024)
    {
        var catalog = SampleCatalogs.Changsha;
        var clock = new SettableClock(now ?? Monday);
        var app = HotlineServer.Create(new ServeOptions
        {
            Engine = new EngineOptions { Profile = PolicyProfile.Resolve("changsha-2020"), Catalog = catalog, DataDirectory = dataDirectory },
            Keys = ApiKeys.Parse(KeysJson, catalog),
            Clock = clock,
            Port = 0,
            TickInterval = TimeSpan.Zero,
            MaxBodyBytes = maxBodyBytes,
        });
        await app.StartAsync();
        return new TestServer(app, clock, new Uri(app.Urls.Single()));
    }

    /// <summary>A client carrying <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        _clients.Add(client);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Receives a neighbourhood-noise complaint in Furong (routed to furong-gov) as the operator.</summary>
    public async Task<JsonElement> ReceiveAsync(string ticket, string category = "noise.neighbourhood")
    {
        using var response = await Client(OperatorKey).PostAsync(new Uri("/commands", UriKind.Relative), Json($$"""
            {"op":"receive","ticket":"{{ticket}}","channel":"phone","kind":"complaint","category":"{{category}}","region":"430102",
             "caller":{"name":"Wang","phone":"13900000000","anonymous":true}, "newInformation": true}
            """));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
