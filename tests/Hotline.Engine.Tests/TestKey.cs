using System.Runtime.CompilerServices;

namespace Hotline.Engine.Tests;

/// <summary>The journal key for every test of this assembly, set before any runs (tests share the environment).</summary>
internal static class TestKey
{
    public const string Value = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    [ModuleInitializer]
    internal static void Set() => Environment.SetEnvironmentVariable("HOTLINE_KEY", Value);
}
