using System.Runtime.CompilerServices;

namespace Hotline.Host.Tests;

/// <summary>
/// Every in-process test that opens a data directory seals it with the same test key, set once for
/// the whole assembly before any test runs: tests run in parallel and share the environment, and
/// none should write a key into the user's config folder.
/// </summary>
internal static class TestKey
{
    [ModuleInitializer]
    internal static void Set() => Environment.SetEnvironmentVariable("HOTLINE_KEY", HotlineProcess.TestKey);
}
