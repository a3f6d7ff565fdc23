namespace Hotline.Engine.Tests;

/// <summary>Tests that measure the process (memory) and must not share it with other tests running in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
