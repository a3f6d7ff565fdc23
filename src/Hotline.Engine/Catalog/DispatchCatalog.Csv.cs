using System.Text;

namespace Hotline.Engine.Catalog;

// The spreadsheet form: a folder of four UTF-8 CSV files with a header row each (RFC 4180).
//   catalog.csv  version,default          one row
//   regions.csv  code,name,parent
//   units.csv    id,name
//   entries.csv  category,name,basis,region,unit,co,subOffice,limit   co-handlers separated by ';'
// Columns are found by header name (any order, case-insensitive; unknown columns are ignored), so a
// spreadsheet may carry notes of its own. An empty cell is an absent value.
public sealed partial class DispatchCatalog
{
    /// <summary>The file holding the version and default unit in the CSV form.</summary>
    public const string CatalogCsvFile = "catalog.csv";

    /// <summary>The file holding the region tree in the CSV form.</summary>
    public const string RegionsCsvFile = "regions.csv";

    /// <summary>The file holding the units in the CSV form.</summary>
    public const string UnitsCsvFile = "units.csv";

    /// <summary>The file holding the entries in the CSV form, one per row.</summary>
    public const string EntriesCsvFile = "entries.csv";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Loads and validates a catalog kept as spreadsheets: a folder holding <c>catalog.csv</c>
    /// (<c>version</c>, <c>default</c>), <c>regions.csv</c> (<c>code</c>, <c>name</c>, <c>parent</c>),
    /// <c>units.csv</c> (<c>id</c>, <c>name</c>) and <c>entries.csv</c> (<c>category</c>, <c>name</c>,
    /// <c>basis</c>, <c>region</c>, <c>unit</c>, <c>co</c> with co-handlers separated by <c>;</c>,
    /// <c>subOffice</c>, <c>limit</c>), UTF-8 with a header row, RFC 4180 quoting.
    /// </summary>
    /// <exception cref="CatalogException">A file is missing or malformed, or the catalog is invalid;
    /// every problem is listed, naming the file and line.</exception>
    public static DispatchCatalog LoadCsv(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var draft = new CatalogDraft(folder);
        if (!Directory.Exists(folder))
        {
            throw new CatalogException(folder, ["no such folder"]);
        }

        var catalogRows = ReadTable(folder, CatalogCsvFile, ["version", "default"], draft.Problems);
        if (catalogRows is not null)
        {
            if (catalogRows.Count != 1)
            {
                draft.Problems.Add($"{CatalogCsvFile}: expected exactly one row under the header (version, default), found {catalogRows.Count}");
            }

            if (catalogRows.Count > 0)
            {
                var row = catalogRows[0];
                draft.Version = row.Get("version");
                draft.DefaultUnit = row.Get("default");
                draft.VersionWhere = $"{CatalogCsvFile} line {row.Line} version";
                draft.DefaultWhere = $"{CatalogCsvFile} line {row.Line} default";
            }
        }
        else
        {
            draft.Version = "?";
            draft.DefaultUnit = null;
            draft.DefaultWhere = CatalogCsvFile;
        }

        foreach (var row in ReadTable(folder, RegionsCsvFile, ["code", "name", "parent"], draft.Problems) ?? [])
        {
            draft.Regions.Add(new CatalogDraft.RawRegion(row.Get("code"), row.Get("name"), row.Get("parent"), row.Where));
        }

        foreach (var row in ReadTable(folder, UnitsCsvFile, ["id", "name"], draft.Problems) ?? [])
        {
            draft.Units.Add(new CatalogDraft.RawUnit(row.Get("id"), row.Get("name"), row.Where));
        }

        string[] entryColumns = ["category", "name", "basis", "region", "unit", "co", "subOffice", "limit"];
        foreach (var row in ReadTable(folder, EntriesCsvFile, entryColumns, draft.Problems) ?? [])
        {
            var co = (row.Get("co") ?? string.Empty)
                .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            draft.Entries.Add(new CatalogDraft.RawEntry(
                row.Get("category"),
                row.Get("name"),
                row.Get("basis"),
                row.Get("region"),
                row.Get("unit"),
                co,
                row.Get("subOffice"),
                row.Get("limit"),
                row.Where));
        }

        return CatalogValidator.Validate(draft);
    }

    /// <summary>
    /// Writes the catalog as the CSV folder <see cref="LoadCsv"/> reads (creating the folder if needed,
    /// replacing the four files): UTF-8 without a byte-order mark, CRLF line ends, RFC 4180 quoting.
    /// </summary>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public void WriteCsv(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        using (var w = new StreamWriter(Path.Combine(folder, CatalogCsvFile), append: false, Utf8NoBom))
        {
            Csv.WriteRecord(w, "version", "default");
            Csv.WriteRecord(w, Version, DefaultUnit);
        }

        using (var w = new StreamWriter(Path.Combine(folder, RegionsCsvFile), append: false, Utf8NoBom))
        {
            Csv.WriteRecord(w, "code", "name", "parent");
            foreach (var r in Regions)
            {
                Csv.WriteRecord(w, r.Code, r.Name, r.Parent);
            }
        }

        using (var w = new StreamWriter(Path.Combine(folder, UnitsCsvFile), append: false, Utf8NoBom))
        {
            Csv.WriteRecord(w, "id", "name");
            foreach (var u in Units)
            {
                Csv.WriteRecord(w, u.Id, u.Name);
            }
        }

        using (var w = new StreamWriter(Path.Combine(folder, EntriesCsvFile), append: false, Utf8NoBom))
        {
            Csv.WriteRecord(w, "category", "name", "basis", "region", "unit", "co", "subOffice", "limit");
            foreach (var e in Entries)
            {
                Csv.WriteRecord(
                    w, e.Category, e.Name, e.Basis, e.Region, e.Unit, string.Join(';', e.CoHandlers), e.SubOffice, e.Limit?.ToString());
            }
        }
    }

    // The data rows of one file, or null when the file is missing or has no usable header (a problem is
    // recorded). Every row is labelled "entries.csv line N".
    private static List<CsvRow>? ReadTable(string folder, string file, string[] columns, List<string> problems)
    {
        var path = Path.Combine(folder, file);
        List<Csv.Record> records;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            records = Csv.Read(reader, file, problems);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"{file}: missing (a CSV catalog folder holds {CatalogCsvFile}, {RegionsCsvFile}, {UnitsCsvFile} and {EntriesCsvFile})");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{file}: cannot read: {ex.Message}");
            return null;
        }

        if (records.Count == 0)
        {
            problems.Add($"{file}: empty; the first row must be the header ({string.Join(", ", columns)})");
            return null;
        }

        var header = records[0].Fields;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        // Every column but the names and notes is required in the header.
        var missing = columns
            .Where(c => !index.ContainsKey(c) && c is not ("name" or "basis" or "subOffice" or "limit" or "co"))
            .ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{file} line {records[0].Line}: the header lacks {string.Join(", ", missing)} (expected {string.Join(", ", columns)})");
            return null;
        }

        var rows = new List<CsvRow>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            rows.Add(new CsvRow(records[r].Line, new CatalogDraft.Location(file, records[r].Line, IsLine: true), records[r].Fields, index));
        }

        return rows;
    }

    private sealed record CsvRow(int Line, CatalogDraft.Location Where, string[] Fields, Dictionary<string, int> Index)
    {
        public string? Get(string column) =>
            Index.TryGetValue(column, out int i) && i < Fields.Length ? CatalogDraft.Clean(Fields[i]) : null;
    }
}
