using System.CommandLine;
using Hotline.Engine.Catalog;
using Hotline.Engine.Routing;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline catalog check FILE|DIR</c> and <c>hotline catalog convert IN OUT</c>: validate a dispatch
/// catalog (spec §5) and move it between its JSON form and the CSV folder kept in spreadsheets.
/// </summary>
internal static class CatalogCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("catalog", "Check or convert a dispatch catalog (派单目录, spec §5): a JSON file or a folder of CSV files.");
        command.Subcommands.Add(CreateCheck(stdout, stderr));
        command.Subcommands.Add(CreateConvert(stdout, stderr));
        return command;
    }

    private static Command CreateCheck(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("FILE|DIR")
        {
            Description = "A catalog: a .json file, or a folder holding catalog.csv, regions.csv, units.csv and entries.csv.",
        };
        var check = new Command(
            "check",
            "Validate a catalog and print a summary (version, units, regions, entries, categories, tree depth, default unit); "
            + "an invalid catalog prints every problem on stderr, one per line, and exits with 2.\n"
            + "Example: hotline catalog check samples/catalog-changsha.json");
        check.Arguments.Add(path);
        check.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(path)!;
            if (!TryLoad(file, stderr, out var catalog))
            {
                return HotlineCli.BadInput;
            }

            var compiled = CompiledCatalog.Compile(catalog);
            int named = catalog.Entries.Select(e => e.Category).Distinct(StringComparer.Ordinal).Count();
            int defaultIndex = compiled.DefaultUnit;
            stdout.WriteLine($"{file}: valid catalog");
            stdout.WriteLine($"  version     {catalog.Version}");
            stdout.WriteLine($"  units       {catalog.Units.Length}");
            stdout.WriteLine($"  regions     {catalog.Regions.Length}");
            stdout.WriteLine($"  entries     {catalog.Entries.Length}");
            stdout.WriteLine($"  categories  {named} ({compiled.CategoryCount} with their dotted parents)");
            stdout.WriteLine($"  tree depth  {compiled.RegionDepth}");
            stdout.WriteLine($"  default     {catalog.DefaultUnit} ({compiled.UnitName(defaultIndex)})");
            return HotlineCli.Ok;
        });
        return check;
    }

    private static Command CreateConvert(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("IN") { Description = "The catalog to read: a .json file or a CSV folder." };
        var output = new Argument<string>("OUT")
        {
            Description = "Where to write: a path ending in .json gets JSON; anything else is a folder that gets the four CSV files.",
        };
        var convert = new Command(
            "convert",
            "Convert a catalog between JSON and the CSV folder (UTF-8, header rows, co-handlers separated by ';'); "
            + "the catalog is validated first and nothing is written if it is invalid.\n"
            + "Example: hotline catalog convert samples/catalog-changsha.json changsha-csv   (and back: hotline catalog convert changsha-csv changsha.json)");
        convert.Arguments.Add(input);
        convert.Arguments.Add(output);
        convert.SetAction(parseResult =>
        {
            var from = parseResult.GetValue(input)!;
            var to = parseResult.GetValue(output)!;
            if (!TryLoad(from, stderr, out var catalog))
            {
                return HotlineCli.BadInput;
            }

            bool json = to.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            try
            {
                if (json)
                {
                    using var stream = File.Create(to);
                    catalog.WriteJson(stream);
                }
                else
                {
                    catalog.WriteCsv(to);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{to}: cannot write: {ex.Message}");
                return HotlineCli.BadInput;
            }

            stdout.WriteLine(
                $"{from} -> {to} ({(json ? "JSON" : "CSV folder")}): version {catalog.Version}, {catalog.Entries.Length} entries");
            return HotlineCli.Ok;
        });
        return convert;
    }

    // Loads a catalog, or writes every problem to stderr, one per line, each naming the file.
    private static bool TryLoad(string path, TextWriter stderr, out DispatchCatalog catalog)
    {
        try
        {
            catalog = DispatchCatalog.Load(path);
            return true;
        }
        catch (CatalogException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"{ex.Location}: {problem}");
            }

            catalog = null!;
            return false;
        }
    }
}
