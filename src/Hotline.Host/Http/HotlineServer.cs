using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Host.Http;

/// <summary>
/// Builds the HTTP face of <c>hotline serve</c>: Kestrel on one address, the engine as a hosted
/// service (started before the server listens, stopped — journal committed — after it has drained),
/// and the endpoints:
/// <list type="table">
/// <item><term><c>POST /commands</c></term><description>a protocol command; key required</description></item>
/// <item><term><c>GET /tickets/{id}</c></term><description>status and history; key required</description></item>
/// <item><term><c>GET /units/{unit}/worklist</c></term><description>open tickets, soonest due first; key required</description></item>
/// <item><term><c>GET /events</c></term><description>server-sent events; key required</description></item>
/// <item><term><c>GET /report</c></term><description>statistics (spec §6); key required</description></item>
/// <item><term><c>GET /health</c>, <c>GET /openapi.json</c></term><description>no key</description></item>
/// </list>
/// </summary>
internal static class HotlineServer
{
    /// <summary>Starts the engine and builds the web application (not yet started).</summary>
    /// <exception cref="Engine.Journal.JournalException">The data directory cannot be used.</exception>
    public static WebApplication Create(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "hotline" });
        builder.Logging.ClearProviders();
        if (options.LogToStandardError)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Bind, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddProblemDetails();

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Keys);
        if (options.Cluster is null)
        {
            var served = new ServedEngine(options);
            builder.Services.AddSingleton(served);
            builder.Services.AddSingleton<IServedEngine>(served);
            builder.Services.AddHostedService(_ => served);
        }
        else
        {
            // A separate method: Orleans' assemblies load only on this path.
            ClusteredEngine.AddTo(builder, options);
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        Map(app);
        return app;
    }

    /// <summary>Maps the endpoints; the OpenAPI document must name the same routes.</summary>
    private static void Map(WebApplication app)
    {
        app.MapGet("/health", HealthEndpoint.Handle);
        app.MapGet("/openapi.json", OpenApiEndpoint.Handle);

        var keyed = app.MapGroup("").AddEndpointFilter<ApiKeyFilter>();
        keyed.MapPost("/commands", CommandEndpoint.HandleAsync);
        keyed.MapGet("/tickets/{id}", TicketEndpoints.GetTicketAsync);
        keyed.MapGet("/units/{unit}/worklist", TicketEndpoints.GetWorklistAsync);
        keyed.MapGet("/events", EventStreamEndpoint.HandleAsync);
        keyed.MapGet("/report", ReportEndpoint.HandleAsync);
    }
}
