using Hotline.Engine.Catalog;
using Hotline.Host.Http;

namespace Hotline.Host.Tests.Http;

public sealed class ApiKeysTests
{
    private static DispatchCatalog Catalog => SampleCatalogs.Changsha;

    [Fact]
    public void Parse_ValidFile_ResolvesOperatorsAndUnits()
    {
        var keys = ApiKeys.Parse(TestServer.KeysJson, Catalog);

        Assert.Equal(3, keys.Count);
        Assert.Equal(new Caller("op-li", null), keys.Resolve(TestServer.OperatorKey));
        Assert.Equal(new Caller("furong-gov", "furong-gov"), keys.Resolve(TestServer.FurongKey));
        Assert.Equal("furong-urban-mgmt", keys.Resolve(TestServer.UrbanKey)?.Unit);
        Assert.Null(keys.Resolve("operator-key-012345678")); // a prefix is not the key
        Assert.Null(keys.Resolve(null));
    }

    [Fact]
    public void Parse_EveryProblem_OneErrorNamingEachEntry()
    {
        string json = """
            {
              "operator": ["key1"],
              "operators": { "op-li": "short", "op-wang": "the-same-key-for-two" },
              "units": { "furong-gov": "the-same-key-for-two", "nowhere-gov": "nowhere-key-0123456789", "city-water": [], "city-gas": ["gas key with spaces 0123"] }
            }
            """;

        var e = Assert.Throws<ApiKeysException>(() => ApiKeys.Parse(json, Catalog));

        Assert.Contains("operator: unknown field", e.Message, StringComparison.Ordinal);
        Assert.Contains("operators.op-li: the key is shorter than 16", e.Message, StringComparison.Ordinal);
        Assert.Contains("units.furong-gov: the same key as operators.op-wang", e.Message, StringComparison.Ordinal);
        Assert.Contains("units.nowhere-gov: the catalog", e.Message, StringComparison.Ordinal);
        Assert.Contains("units.city-water: must be a key, or a non-empty list", e.Message, StringComparison.Ordinal);
        Assert.Contains("units.city-gas[0]: the key contains whitespace", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoOperator_Refused()
    {
        var e = Assert.Throws<ApiKeysException>(() => ApiKeys.Parse("""{"units": {"furong-gov": "furong-gov-key-0123456789"}}""", Catalog));
        Assert.StartsWith("operators: at least one operator key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_SaysSo()
    {
        var e = Assert.Throws<ApiKeysException>(() => ApiKeys.Parse("{operators", Catalog));
        Assert.StartsWith("not JSON", e.Message, StringComparison.Ordinal);
    }
}
