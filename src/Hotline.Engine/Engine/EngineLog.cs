using Microsoft.Extensions.Logging;

namespace Hotline.Engine.Engine;

/// <summary>The engine's log messages (source-generated, allocation-free when the level is off).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void Warning(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The engine stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, Exception error, string reason);
}
