using Hotline.Engine.Catalog;

namespace Hotline.Cluster;

/// <summary>
/// One partition of a cluster: the engine of one jurisdiction (a city or a county), with its policy
/// profile, dispatch catalog, optional holiday file and its own journal directory.
/// </summary>
/// <param name="Code">The jurisdiction's code and the partition grain's key, e.g. <c>430100</c>.</param>
/// <param name="Profile">A built-in profile name or a profile file (<c>PolicyProfile.Resolve</c>).</param>
/// <param name="Catalog">The partition's dispatch catalog; its region tree is the partition's jurisdiction.</param>
/// <param name="CalendarPath">A holiday schedule file, or null for the built-in one.</param>
/// <param name="DataDirectory">The partition's journal directory (absolute); one writer at a time.</param>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record PartitionSettings(
    string Code,
    string Profile,
    DispatchCatalog Catalog,
    string? CalendarPath,
    string DataDirectory);
