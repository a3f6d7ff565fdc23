using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotline.Engine.Catalog;

// The JSON form of spec §5.
public sealed partial class DispatchCatalog
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Keep Chinese names and legal citations readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Loads and validates a catalog from a JSON file (spec §5).</summary>
    /// <exception cref="CatalogException">The file cannot be read, is not JSON of the catalog's shape, or
    /// the catalog is invalid; the message names the file and every problem.</exception>
    public static DispatchCatalog LoadJson(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CatalogException(path, [$"cannot read the file: {ex.Message}"]);
        }

        using (stream)
        {
            return ReadJson(stream, path);
        }
    }

    /// <summary>Reads and validates a catalog from JSON (spec §5) in a UTF-8 stream.</summary>
    /// <exception cref="CatalogException">The stream is not JSON of the catalog's shape, or the catalog is
    /// invalid; every problem is listed.</exception>
    public static DispatchCatalog FromJson(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadJson(utf8Json, "catalog");
    }

    /// <summary>Writes the catalog as indented UTF-8 JSON (spec §5); <see cref="FromJson"/> reads it back equal.</summary>
    public void WriteJson(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var w = new Utf8JsonWriter(utf8Json, WriterOptions);
        w.WriteStartObject();
        w.WriteString("version", Version);
        w.WriteStartArray("regions");
        foreach (var r in Regions)
        {
            w.WriteStartObject();
            w.WriteString("code", r.Code);
            w.WriteString("name", r.Name);
            w.WriteString("parent", r.Parent);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("units");
        foreach (var u in Units)
        {
            w.WriteStartObject();
            w.WriteString("id", u.Id);
            w.WriteString("name", u.Name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("entries");
        foreach (var e in Entries)
        {
            w.WriteStartObject();
            w.WriteString("category", e.Category);
            w.WriteString("name", e.Name);
            if (e.Basis is not null)
            {
                w.WriteString("basis", e.Basis);
            }

            w.WriteString("region", e.Region);
            w.WriteString("unit", e.Unit);
            w.WriteStartArray("co");
            foreach (var c in e.CoHandlers)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            if (e.SubOffice is not null)
            {
                w.WriteString("subOffice", e.SubOffice);
            }

            if (e.Limit is { } limit)
            {
                w.WriteString("limit", limit.ToString());
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("default");
        w.WriteString("unit", DefaultUnit);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static DispatchCatalog ReadJson(Stream stream, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CatalogException(source, [$"not valid JSON: {ex.Message}"]);
        }
        catch (IOException ex)
        {
            throw new CatalogException(source, [$"cannot read the file: {ex.Message}"]);
        }

        using (doc)
        {
            var draft = new CatalogDraft(source);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogException(source, ["the catalog must be a JSON object with version, regions, units, entries and default"]);
            }

            draft.Version = Text(root, "version", "version", draft.Problems);
            if (root.TryGetProperty("default", out var def) && def.ValueKind != JsonValueKind.Null)
            {
                if (def.ValueKind == JsonValueKind.Object)
                {
                    draft.DefaultUnit = Text(def, "unit", "default.unit", draft.Problems);
                }
                else
                {
                    draft.Problems.Add("default: must be an object like {\"unit\": \"city-hotline\"}");
                    draft.DefaultUnit = string.Empty;
                }
            }

            draft.DefaultWhere = "default.unit";
            foreach (var (item, where) in Items(root, "regions", draft.Problems))
            {
                draft.Regions.Add(new CatalogDraft.RawRegion(
                    Text(item, "code", where, draft.Problems),
                    Text(item, "name", where, draft.Problems),
                    Text(item, "parent", where, draft.Problems),
                    where));
            }

            foreach (var (item, where) in Items(root, "units", draft.Problems))
            {
                draft.Units.Add(new CatalogDraft.RawUnit(
                    Text(item, "id", where, draft.Problems),
                    Text(item, "name", where, draft.Problems),
                    where));
            }

            foreach (var (item, where) in Items(root, "entries", draft.Problems))
            {
                var co = new List<string>();
                if (item.TryGetProperty("co", out var coElement) && coElement.ValueKind != JsonValueKind.Null)
                {
                    if (coElement.ValueKind == JsonValueKind.Array
                        && coElement.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String))
                    {
                        co.AddRange(coElement.EnumerateArray().Select(c => c.GetString()!));
                    }
                    else
                    {
                        draft.Problems.Add($"{where}: co must be an array of unit ids");
                    }
                }

                draft.Entries.Add(new CatalogDraft.RawEntry(
                    Text(item, "category", where, draft.Problems),
                    Text(item, "name", where, draft.Problems),
                    Text(item, "basis", where, draft.Problems),
                    Text(item, "region", where, draft.Problems),
                    Text(item, "unit", where, draft.Problems),
                    co,
                    Text(item, "subOffice", where, draft.Problems),
                    Text(item, "limit", where, draft.Problems),
                    where));
            }

            return CatalogValidator.Validate(draft);
        }
    }

    private static IEnumerable<(JsonElement Item, CatalogDraft.Location Where)> Items(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{name}: must be an array");
            yield break;
        }

        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = new CatalogDraft.Location(name, i++, IsLine: false);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: must be an object");
                continue;
            }

            yield return (item, where);
        }
    }

    // A string field, null when absent or null; a number is taken as its text (region codes are often
    // typed as numbers); any other type is a problem.
    private static string? Text(JsonElement obj, string name, CatalogDraft.Location where, List<string> problems)
    {
        var text = Text(obj, name, out bool wrongType);
        if (wrongType)
        {
            problems.Add($"{where}: {name} must be a string");
        }

        return text;
    }

    private static string? Text(JsonElement obj, string name, string where, List<string> problems)
    {
        var text = Text(obj, name, out bool wrongType);
        if (wrongType)
        {
            problems.Add(where == name ? $"{name}: must be a string" : $"{where}: {name} must be a string");
        }

        return text;
    }

    // A string field, null when absent or null; a number is taken as its text (region codes are often
    // typed as numbers); any other type is wrong.
    private static string? Text(JsonElement obj, string name, out bool wrongType)
    {
        wrongType = false;
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                wrongType = true;
                return null;
        }
    }
}
