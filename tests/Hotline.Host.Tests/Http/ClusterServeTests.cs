using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Hotline.Host.Commands;
using Hotline.Host.Http;
using Microsoft.AspNetCore.Builder;

namespace Hotline.Host.Tests.Http;

/// <summary>
/// <c>hotline serve --cluster</c> in the test process: real Kestrel on loopback and a real
/// localhost-clustered Orleans silo on free ports, hosting two city partitions with disjoint regions
/// (Changsha 430100: 430102/430103; Zhuzhou 430200: 430202/430203).
/// </summary>
public sealed class ClusterServeTests
{
    private const string OperatorKey = "cluster-operator-key-0123456789";
    private const string ZhuzhouUrbanKey = "zhuzhou-urban-key-0123456789";
    private const string ChangshaUrbanKey = "changsha-urban-key-0123456789";

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Cluster_RoutesByRegion_ForwardsAcrossPartitions_UnitActsOnItsTicket()
    {
        var root = Path.Combine(Path.GetTempPath(), "hotline-serve-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "430100.json"), Catalog("430100", "Changsha", ["430102", "430103"]));
            File.WriteAllText(Path.Combine(root, "430200.json"), Catalog("430200", "Zhuzhou", ["430202", "430203"]));
            var layout = Path.Combine(root, "cluster.json");
            File.WriteAllText(layout, """
                {
                  "root": "journals",
                  "partitions": [
                    { "code": "430100", "profile": "changsha-2020", "catalog": "430100.json" },
                    { "code": "430200", "profile": "changsha-2020", "catalog": "430200.json" }
                  ]
                }
                """);
            var keys = Path.Combine(root, "keys.json");
            File.WriteAllText(keys, $$$"""
                {"operators": {"op-li": "{{{OperatorKey}}}"},
                 "units": {"430200-urban": "{{{ZhuzhouUrbanKey}}}", "430100-urban": "{{{ChangshaUrbanKey}}}"}}
                """);

            var (siloPort, gatewayPort) = FreePorts();
            var options = ClusterServe.BuildOptions(
                layout, siloPort, gatewayPort, primary: null, keys, IPAddress.Loopback, port: 0, new SettableClock(TestServer.Monday), diagnostics: null);
            var app = HotlineServer.Create(options);
            await using (app)
            {
                using var started = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await app.StartAsync(started.Token);
                try
                {
                    var address = new Uri(app.Urls.Single());
                    using var op = Client(address, OperatorKey);

                    // A receive goes to the partition that owns its region.
                    var changsha = await PostOkAsync(op, "/commands", Receive("C1", "430102"));
                    Assert.Equal("430100-urban", Event(changsha, "dispatched").GetProperty("unit").GetString());
                    var zhuzhou = await PostOkAsync(op, "/commands", Receive("Z1", "430202"));
                    Assert.Equal("430200-urban", Event(zhuzhou, "dispatched").GetProperty("unit").GetString());

                    // Changsha's line takes a call about Zhuzhou: forwarded to 430200, which holds it as 430100:C2.
                    var forwarded = await PostOkAsync(op, "/commands?partition=430100", Receive("C2", "430203"));
                    Assert.Equal("430200", Event(forwarded, "forwarded").GetProperty("to").GetString());
                    var target = Event(forwarded, "dispatched");
                    Assert.Equal("430100:C2", target.GetProperty("ticket").GetString());
                    Assert.Equal("430200-urban", target.GetProperty("unit").GetString());
                    using (var ticket = await op.GetAsync(U("/tickets/430100:C2")))
                    {
                        Assert.Equal(HttpStatusCode.OK, ticket.StatusCode);
                        var body = await TestServer.ReadJsonAsync(ticket);
                        Assert.Equal("430200-urban", body.GetProperty("unit").GetString());
                        Assert.Contains(body.GetProperty("history").EnumerateArray(), e => e.GetProperty("event").GetString() == "dispatched");
                    }

                    // A region no partition owns: the first partition answers forwarded to the province.
                    var province = await PostOkAsync(op, "/commands", Receive("P1", "440100"));
                    Assert.Equal("province", Event(province, "forwarded").GetProperty("to").GetString());

                    // Zhuzhou's urban unit signs its tickets through the API and cannot see Changsha's.
                    using var urban = Client(address, ZhuzhouUrbanKey);
                    var signed = await PostOkAsync(urban, "/commands", """{"op":"sign","ticket":"430100:C2"}""");
                    Assert.Equal("430200-urban", Event(signed, "signed").GetProperty("by").GetString());
                    await PostOkAsync(urban, "/commands", """{"op":"sign","ticket":"Z1"}""");
                    using (var other = await urban.GetAsync(U("/tickets/C1")))
                    {
                        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
                    }

                    using (var sign = await urban.PostAsync(U("/commands"), TestServer.Json("""{"op":"sign","ticket":"C1"}""")))
                    {
                        Assert.Equal(HttpStatusCode.NotFound, sign.StatusCode);
                    }

                    using (var worklist = await urban.GetAsync(U("/units/430200-urban/worklist")))
                    {
                        Assert.Equal(HttpStatusCode.OK, worklist.StatusCode);
                        var tickets = (await TestServer.ReadJsonAsync(worklist)).GetProperty("tickets").EnumerateArray()
                            .Select(t => t.GetProperty("ticket").GetString()).Order(StringComparer.Ordinal).ToList();
                        Assert.Equal(["430100:C2", "Z1"], tickets);
                    }

                    // A partition the layout does not have is refused.
                    using var unknown = await op.PostAsync(U("/commands?partition=999999"), TestServer.Json(Receive("X1", "430102")));
                    Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
                }
                finally
                {
                    await app.StopAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(U(path), TestServer.Json(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} {json} → {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Event(JsonElement events, string name) =>
        events.EnumerateArray().Single(e => e.GetProperty("event").GetString() == name);

    private static string Receive(string ticket, string region) => $$$"""
        {"op":"receive","ticket":"{{{ticket}}}","channel":"phone","kind":"complaint","category":"noise","region":"{{{region}}}",
         "caller":{"name":"Wang","phone":"13900000000","anonymous":true}}
        """;

    /// <summary>Two distinct free TCP ports on loopback (the silo's and the gateway's).</summary>
    private static (int Silo, int Gateway) FreePorts()
    {
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        var ports = (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
        a.Stop();
        b.Stop();
        return ports;
    }

    private static string Catalog(string city, string name, string[] districts)
    {
        var regions = string.Join(",", districts.Select(d => $"{{\"code\":\"{d}\",\"name\":\"district {d}\",\"parent\":\"{city}\"}}"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "version": "{{city}}-1",
              "regions": [{"code":"{{city}}","name":"{{name}}","parent":null},{{regions}}],
              "units": [{"id":"{{city}}-hotline","name":"{{name}} 12345"},{"id":"{{city}}-urban","name":"{{name}} urban management"}],
              "entries": [{"category":"noise","name":"Noise","basis":null,"region":"{{city}}","unit":"{{city}}-urban","co":[],"limit":"10wd"}],
              "default": {"unit": "{{city}}-hotline"}
            }
            """);
    }
}
