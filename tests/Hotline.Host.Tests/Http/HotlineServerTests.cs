using System.Net;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Hotline.Host.Tests.Http;

/// <summary>The HTTP face of <c>hotline serve</c>, driven over loopback with HttpClient.</summary>
public sealed class HotlineServerTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static string At(Instant instant) => InstantText.Format(instant, Shanghai);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null, string? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TestServer.ReadJsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.StartsWith(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Keys_MissingOrInvalid_Unauthorized()
    {
        await using var server = await TestServer.StartAsync();
        using (var response = await server.Client(null).PostAsync(U("/commands"), TestServer.Json("""{"op":"query","ticket":"T1"}""")))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authorization");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var response = await server.Client("not-a-key-of-this-server").GetAsync(U("/tickets/T1")))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authorization");
        }

        using (var events = await server.Client(null).GetAsync(U("/events")))
        {
            await AssertProblemAsync(events, HttpStatusCode.Unauthorized, "authorization");
        }

        using var client = server.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/units/furong-gov/worklist"));
        request.Headers.Add("X-Api-Key", TestServer.FurongKey);
        using var ok = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Commands_ReceiveAsOperator_ReturnsStampedEvents()
    {
        await using var server = await TestServer.StartAsync();
        var events = await server.ReceiveAsync("T1");

        Assert.Equal(["accepted", "dispatched"], events.EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        var dispatched = events[1];
        Assert.Equal("furong-gov", dispatched.GetProperty("unit").GetString());
        Assert.Equal(At(TestServer.Monday), dispatched.GetProperty("at").GetString());
        Assert.Equal("op-li", dispatched.GetProperty("by").GetString());
        Assert.DoesNotContain("Wang", events.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("13900000000", events.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_SignAndCloseAsUnit_BackdatedAtAndForgedByIgnored()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        var furong = server.Client(TestServer.FurongKey);

        server.Clock.Now = TestServer.Monday + Duration.FromHours(1);
        using (var sign = await furong.PostAsync(U("/commands"), TestServer.Json("""{"op":"sign","ticket":"T1","id":"s1"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, sign.StatusCode);
            var signed = (await TestServer.ReadJsonAsync(sign)).EnumerateArray().Single();
            Assert.Equal("signed", signed.GetProperty("event").GetString());
            Assert.Equal("furong-gov", signed.GetProperty("by").GetString());
        }

        using (var retry = await furong.PostAsync(U("/commands"), TestServer.Json("""{"op":"sign","ticket":"T1","id":"s1"}""")))
        {
            var again = (await TestServer.ReadJsonAsync(retry)).EnumerateArray().Single();
            Assert.Equal("already-applied", again.GetProperty("event").GetString());
            Assert.Equal("furong-gov:s1", again.GetProperty("id").GetString());
        }

        // Twenty working days later, the unit tries to close "on the day it signed", as someone else.
        var late = TestServer.Monday + Duration.FromDays(30);
        server.Clock.Now = late;
        using var close = await furong.PostAsync(U("/commands"), TestServer.Json($$"""
            {"op":"close","ticket":"T1","reply":"fixed","at":"{{At(TestServer.Monday + Duration.FromHours(2))}}","by":"op-li"}
            """));
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var closeRequested = (await TestServer.ReadJsonAsync(close)).EnumerateArray().Last();
        Assert.Equal("close-requested", closeRequested.GetProperty("event").GetString());
        Assert.Equal(At(late), closeRequested.GetProperty("at").GetString());
        Assert.Equal("furong-gov", closeRequested.GetProperty("by").GetString());

        using var decision = await server.Client(TestServer.OperatorKey).PostAsync(U("/commands"), TestServer.Json("""{"op":"close-decision","ticket":"T1","approve":true}"""));
        var closed = (await TestServer.ReadJsonAsync(decision)).EnumerateArray().Last();
        Assert.Equal("closed", closed.GetProperty("event").GetString());
        Assert.False(closed.GetProperty("onTime").GetBoolean());
    }

    [Fact]
    public async Task Tickets_AnotherUnitsTicket_NotFoundLikeNoTicket()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1"); // furong-gov holds it
        var urban = server.Client(TestServer.UrbanKey);

        using (var other = await urban.GetAsync(U("/tickets/T1")))
        {
            await AssertProblemAsync(other, HttpStatusCode.NotFound, "ticket");
        }

        using (var none = await urban.GetAsync(U("/tickets/NOPE")))
        {
            await AssertProblemAsync(none, HttpStatusCode.NotFound, "ticket");
        }

        using (var sign = await urban.PostAsync(U("/commands"), TestServer.Json("""{"op":"sign","ticket":"T1"}""")))
        {
            await AssertProblemAsync(sign, HttpStatusCode.NotFound, "ticket");
        }

        using var mine = await server.Client(TestServer.FurongKey).GetAsync(U("/tickets/T1"));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var ticket = await TestServer.ReadJsonAsync(mine);
        Assert.Equal("dispatched", ticket.GetProperty("state").GetString());
        Assert.Equal("furong-gov", ticket.GetProperty("unit").GetString());
        Assert.Equal(["accepted", "dispatched"], ticket.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()));

        using var asOperator = await server.Client(TestServer.OperatorKey).GetAsync(U("/tickets/T1"));
        Assert.Equal(HttpStatusCode.OK, asOperator.StatusCode);
    }

    [Fact]
    public async Task Worklist_OwnUnitOnly_OperatorAny()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        await server.ReceiveAsync("T2", "noise.construction"); // furong-urban-mgmt

        using (var own = await server.Client(TestServer.FurongKey).GetAsync(U("/units/furong-gov/worklist")))
        {
            var list = await TestServer.ReadJsonAsync(own);
            Assert.Equal(["T1"], list.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("ticket").GetString()));
        }

        using (var other = await server.Client(TestServer.FurongKey).GetAsync(U("/units/furong-urban-mgmt/worklist")))
        {
            await AssertProblemAsync(other, HttpStatusCode.Forbidden, "unit");
        }

        using var asOperator = await server.Client(TestServer.OperatorKey).GetAsync(U("/units/furong-urban-mgmt/worklist"));
        var urban = await TestServer.ReadJsonAsync(asOperator);
        Assert.Equal(["T2"], urban.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("ticket").GetString()));
    }

    [Fact]
    public async Task Commands_UnitKeyBeyondItsRole_Forbidden()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        var furong = server.Client(TestServer.FurongKey);

        using (var otherUnit = await furong.PostAsync(U("/commands"), TestServer.Json("""{"op":"sign","ticket":"T1","unit":"furong-urban-mgmt"}""")))
        {
            await AssertProblemAsync(otherUnit, HttpStatusCode.Forbidden, "unit");
        }

        using var operatorOp = await furong.PostAsync(U("/commands"), TestServer.Json("""{"op":"close-decision","ticket":"T1","approve":true}"""));
        await AssertProblemAsync(operatorOp, HttpStatusCode.Forbidden, "op");
    }

    [Fact]
    public async Task Commands_BodyTooLarge_PayloadTooLarge()
    {
        await using var server = await TestServer.StartAsync();
        string reply = new('x', 70 * 1024);
        using var response = await server.Client(TestServer.OperatorKey).PostAsync(U("/commands"), TestServer.Json($$"""{"op":"query","ticket":"T1","reply":"{{reply}}"}"""));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Commands_MalformedJson_BadRequestProblem()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Client(TestServer.OperatorKey);
        using (var response = await client.PostAsync(U("/commands"), TestServer.Json("""{"op":"receive",""")))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body", "malformed");
        }

        using (var array = await client.PostAsync(U("/commands"), TestServer.Json("[1,2]")))
        {
            await AssertProblemAsync(array, HttpStatusCode.BadRequest, "body", "malformed");
        }

        using (var twice = await client.PostAsync(U("/commands"), TestServer.Json("""{"op":"query","ticket":"T1","ticket":"T2"}""")))
        {
            await AssertProblemAsync(twice, HttpStatusCode.BadRequest, "body", "malformed");
        }

        using var schema = await client.PostAsync(U("/commands"), TestServer.Json("""{"op":"receive","ticket":"T9","channel":"pigeon","kind":"complaint","category":"noise","region":"430102"}"""));
        await AssertProblemAsync(schema, HttpStatusCode.BadRequest, "channel", "schema");
    }

    [Fact]
    public async Task Commands_EngineRejects_UnprocessableWithCode()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        using var response = await server.Client(TestServer.OperatorKey).PostAsync(U("/commands"), TestServer.Json("""{"op":"close-decision","ticket":"T1","approve":true}"""));

        await AssertProblemAsync(response, (HttpStatusCode)422, code: "invalid-state");
        var problem = await TestServer.ReadJsonAsync(response);
        Assert.Equal("rejected", problem.GetProperty("events").EnumerateArray().Last().GetProperty("event").GetString());
    }

    [Fact]
    public async Task Events_Stream_DeliversEventsByHolder()
    {
        await using var server = await TestServer.StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var asOperator = await SubscribeAsync(server.Client(TestServer.OperatorKey), cancel.Token);
        var asUrban = await SubscribeAsync(server.Client(TestServer.UrbanKey), cancel.Token);

        await server.ReceiveAsync("T1"); // furong-gov
        await server.ReceiveAsync("T2", "noise.construction"); // furong-urban-mgmt

        var operatorSees = await ReadEventsAsync(asOperator, 4, cancel.Token);
        Assert.Equal(["T1", "T1", "T2", "T2"], operatorSees.Select(e => e.GetProperty("ticket").GetString()));
        var urbanSees = await ReadEventsAsync(asUrban, 1, cancel.Token);
        Assert.Equal("T2", urbanSees.Single().GetProperty("ticket").GetString());
        Assert.Equal("dispatched", urbanSees.Single().GetProperty("event").GetString()); // held from its dispatch on
    }

    [Fact]
    public async Task LiveClock_TickPastSignDue_FiresOverdueIntoHistory()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        server.Clock.Now = TestServer.Monday + Duration.FromDays(3);
        var fired = await server.Served.TickAsync();
        Assert.Contains(fired, e => e.Name == "overdue" && e.Ticket == "T1");

        using var response = await server.Client(TestServer.FurongKey).GetAsync(U("/tickets/T1"));
        var history = (await TestServer.ReadJsonAsync(response)).GetProperty("history");
        var overdue = history.EnumerateArray().Last();
        Assert.Equal("overdue", overdue.GetProperty("event").GetString());
        Assert.Equal("sign", overdue.GetProperty("clock").GetString());
    }

    [Fact]
    public async Task Report_UnitKey_OwnUnitOnly()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        await server.ReceiveAsync("T2", "noise.construction");
        string range = $"from={Uri.EscapeDataString(At(TestServer.Monday - Duration.FromDays(1)))}&to={Uri.EscapeDataString(At(TestServer.Monday + Duration.FromDays(1)))}";

        using (var own = await server.Client(TestServer.FurongKey).GetAsync(U($"/report?{range}")))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            var report = await TestServer.ReadJsonAsync(own);
            Assert.Equal("report", report.GetProperty("event").GetString());
            Assert.Equal(["furong-gov"], report.GetProperty("units").EnumerateObject().Select(u => u.Name));
        }

        using (var other = await server.Client(TestServer.FurongKey).GetAsync(U($"/report?{range}&unit=furong-urban-mgmt")))
        {
            await AssertProblemAsync(other, HttpStatusCode.Forbidden, "unit");
        }

        using (var noFrom = await server.Client(TestServer.OperatorKey).GetAsync(U("/report?to=2026-03-03T00:00:00%2B08:00")))
        {
            await AssertProblemAsync(noFrom, HttpStatusCode.BadRequest, "from", "schema");
        }

        using var all = await server.Client(TestServer.OperatorKey).GetAsync(U($"/report?{range}"));
        var both = await TestServer.ReadJsonAsync(all);
        Assert.Equal(["furong-gov", "furong-urban-mgmt"], both.GetProperty("units").EnumerateObject().Select(u => u.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Health_CalendarCoversComingMonths_Ok()
    {
        await using var server = await TestServer.StartAsync();
        await server.ReceiveAsync("T1");
        using var response = await server.Client(null).GetAsync(U("/health"));
        var health = await TestServer.ReadJsonAsync(response);

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("openTickets").GetInt32());
        Assert.Equal(At(TestServer.Monday), health.GetProperty("engineClock").GetString());
        Assert.Empty(health.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Health_NextYearUncoveredWithinThreeMonths_Warns()
    {
        await using var server = await TestServer.StartAsync(Instant.FromUtc(2026, 11, 16, 2, 0));
        using var response = await server.Client(null).GetAsync(U("/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await TestServer.ReadJsonAsync(response);

        Assert.Equal("warning", health.GetProperty("status").GetString());
        Assert.Contains("2027", health.GetProperty("warnings").EnumerateArray().Single().GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_ValidJsonNamingEveryRoute()
    {
        await using var server = await TestServer.StartAsync();
        using var response = await server.Client(null).GetAsync(U("/openapi.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await TestServer.ReadJsonAsync(response);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Order(StringComparer.Ordinal).ToList();
        var mapped = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task Restart_SameDataDirectory_ReplaysHostStampedCommands()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"hotline-serve-{Guid.NewGuid():N}");
        try
        {
            string before;
            var late = TestServer.Monday + Duration.FromDays(30);
            await using (var server = await TestServer.StartAsync(dataDirectory: dir))
            {
                await server.ReceiveAsync("T1");
                var furong = server.Client(TestServer.FurongKey);
                using (await furong.PostAsync(U("/commands"), TestServer.Json("""{"op":"sign","ticket":"T1"}""")))
                {
                }

                server.Clock.Now = late;
                using (await furong.PostAsync(U("/commands"), TestServer.Json($$"""{"op":"close","ticket":"T1","reply":"r","at":"{{At(TestServer.Monday)}}"}""")))
                {
                }

                using var status = await server.Client(TestServer.OperatorKey).GetAsync(U("/tickets/T1"));
                before = (await TestServer.ReadJsonAsync(status)).GetProperty("state").GetString()!;
            }

            await using (var again = await TestServer.StartAsync(now: late, dataDirectory: dir))
            {
                using var decision = await again.Client(TestServer.OperatorKey).PostAsync(U("/commands"), TestServer.Json("""{"op":"close-decision","ticket":"T1","approve":true}"""));
                Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
                var closed = (await TestServer.ReadJsonAsync(decision)).EnumerateArray().Last();
                Assert.Equal("close-requested", before);
                Assert.Equal("closed", closed.GetProperty("event").GetString());
                Assert.False(closed.GetProperty("onTime").GetBoolean()); // the replayed close kept the host's late stamp
                Assert.Equal(At(late), (await TestServer.ReadJsonAsync(await again.Client(null).GetAsync(U("/health")))).GetProperty("engineClock").GetString());
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async Task<StreamReader> SubscribeAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(U("/events"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        Assert.Equal(": subscribed", await reader.ReadLineAsync(cancellationToken)); // subscribed before anything happens
        return reader;
    }

    private static async Task<List<JsonElement>> ReadEventsAsync(StreamReader reader, int count, CancellationToken cancellationToken)
    {
        var events = new List<JsonElement>();
        while (events.Count < count && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        return events;
    }
}
