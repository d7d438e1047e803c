using System.Diagnostics;
using System.Text.Json;
using System.Xml;
using System.Xml.Schema;

namespace Netwerk.Web.Tests.Export;

/// <summary>Checks on exported files by independent means: the formats' XML schemas and NetworkX.</summary>
internal static class ExportFiles
{
    private static string Here => Path.Combine(AppContext.BaseDirectory, "Export");

    /// <summary>
    /// Validates a document against a vendored schema (Schemas/, see its README), with identity constraints and
    /// warnings (an element the schema does not know is a warning) counted as errors. Nothing is fetched: every schema
    /// location, relative or a URL, is answered from the vendored folder.
    /// </summary>
    public static List<string> Validate(string xml, string schemaFolder, string mainSchema)
    {
        var folder = Path.Combine(Here, "Schemas", schemaFolder);
        var schemas = new XmlSchemaSet { XmlResolver = new VendoredSchemas(folder) };
        schemas.Add(null, Path.Combine(folder, mainSchema));
        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            XmlResolver = null,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    /// <summary>
    /// The GEXF 1.3 document in the 1.2 namespace, for the last published GEXF XSD that compiles (see Schemas/README.md):
    /// only the namespace and the version attribute change.
    /// </summary>
    public static string AsGexf12(string gexf13)
    {
        const string root = "<gexf version=\"1.3\" xmlns=\"http://gexf.net/1.3\">";
        Assert.Contains(root, gexf13);
        return gexf13.Replace(root, "<gexf version=\"1.2\" xmlns=\"http://www.gexf.net/1.2\">", StringComparison.Ordinal);
    }

    /// <summary>What NetworkX (Debian's /usr/bin/python3 with python3-networkx) reads from the file: read_export.py's JSON.</summary>
    public static async Task<JsonElement> ReadWithNetworkX(string format, string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"netwerk-export-{Guid.NewGuid():N}.{format}");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(Here, "read_export.py"), format, file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"read_export.py failed ({process.ExitCode}): {await error}");
            return JsonDocument.Parse(await output).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class VendoredSchemas(string folder) : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) =>
            File.OpenRead(Path.Combine(folder, Path.GetFileName(absoluteUri.AbsolutePath)));

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) =>
            new(Path.Combine(folder, Path.GetFileName(relativeUri ?? "")));
    }
}
