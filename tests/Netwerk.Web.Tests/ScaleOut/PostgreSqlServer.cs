using System.Diagnostics;

namespace Netwerk.Web.Tests.ScaleOut;

/// <summary>
/// A throw-away PostgreSQL cluster (Debian's postgresql package, when installed: setup.sh does not install it) in a
/// temporary folder on a free loopback port, trust authentication for the user <c>netwerk</c>. As root the server runs as
/// the <c>postgres</c> user (PostgreSQL refuses root). <see cref="Available"/> is false when there is no PostgreSQL here.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("netwerk-postgres");
    private string? _bin;

    public int Port { get; } = NetwerkProcess.FreePort();

    public bool Available => _bin is not null;

    public string? Problem { get; private set; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=netwerk;Database=postgres;Pooling=true";

    public async ValueTask InitializeAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
            : null;
        if (bin is null)
        {
            Problem = "PostgreSQL is not installed (Debian's postgresql package)";
            return;
        }
        var root = Environment.UserName == "root";
        if (root)
        {
            await Run("chmod", "755", _directory.FullName);
            await Run("chown", "postgres", _directory.FullName);
        }
        var data = Path.Combine(_directory.FullName, "data");
        var (initdb, initOutput) = await Run(root, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "netwerk");
        if (initdb != 0)
        {
            Problem = "initdb failed: " + initOutput;
            return;
        }
        var (start, startOutput) = await Run(root, Path.Combine(bin, "pg_ctl"), "-D", data, "-w", "-l", Path.Combine(_directory.FullName, "log"),
            "-o", $"-p {Port} -k {_directory.FullName} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        if (start != 0)
        {
            Problem = "pg_ctl start failed: " + startOutput;
            return;
        }
        _bin = bin;
    }

    public async ValueTask DisposeAsync()
    {
        if (_bin is not null)
        {
            await Run(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory.FullName, "data"), "-m", "immediate", "stop");
        }
        try { _directory.Delete(recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    private static Task<(int, string)> Run(bool asPostgres, string file, params string[] args) =>
        asPostgres ? Run("runuser", ["-u", "postgres", "--", file, .. args]) : Run(file, args);

    private static async Task<(int, string)> Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
