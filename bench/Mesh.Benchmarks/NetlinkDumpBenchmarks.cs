using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Netlink.Rtnl;

namespace Mesh.Benchmarks;

/// <summary>
/// Time to dump and parse 1,002 links (500 veth pairs) and 10,000 IPv4 routes from a network namespace
/// over rtnetlink. Needs root: the setup creates namespace nlbench{pid} with `ip -batch` and deletes it after.
/// </summary>
[MemoryDiagnoser]
public class NetlinkDumpBenchmarks
{
    private readonly string _ns = $"nlbench{Environment.ProcessId}";
    private RtnlClient? _rt;

    /// <summary>Creates the namespace, links and routes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Run("ip", "netns", "add", _ns);
        var batch = new StringBuilder("link add big0 type bridge\nlink set big0 up\n");
        for (var i = 0; i < 500; i++)
        {
            batch.Append(CultureInfo.InvariantCulture, $"link add va{i} type veth peer name vb{i}\n");
        }

        for (var i = 0; i < 10_000; i++)
        {
            batch.Append(CultureInfo.InvariantCulture, $"route add 10.{100 + (i >> 8)}.{i & 0xff}.0/24 dev big0 table 100 proto 200\n");
        }

        var file = Path.GetTempFileName();
        File.WriteAllText(file, batch.ToString());
        try
        {
            Run("ip", "-n", _ns, "-batch", file);
        }
        finally
        {
            File.Delete(file);
        }

        _rt = RtnlClient.Open(_ns);
    }

    /// <summary>Deletes the namespace.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _rt?.Dispose();
        Run("ip", "netns", "delete", _ns);
    }

    /// <summary>RTM_GETLINK dump of 1,002 links.</summary>
    [Benchmark]
    public int DumpLinks() => _rt!.ListLinks().Count;

    /// <summary>RTM_GETROUTE dump of 10,000 routes (table 100).</summary>
    [Benchmark]
    public int DumpRoutes() => _rt!.ListRoutes(AddressFamily.InterNetwork, table: 100).Count;

    private static void Run(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })
            ?? throw new InvalidOperationException($"cannot start {program}");
        var err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {err}");
        }
    }
}
