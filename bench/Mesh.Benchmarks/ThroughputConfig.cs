using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mesh.Benchmarks;

/// <summary>Adds packets/s, Gbit/s, OpenSSL Gbit/s and the ratio to <see cref="TransportBenchmarks"/> (parameter Size).</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ThroughputConfig()
    {
        AddColumn(
            new Column("PacketsPerSecond", "Packets/s", "packets per second on one thread (1 / mean)", (size, ns) => (1e9 / ns).ToString("N0", CultureInfo.InvariantCulture)),
            new Column("Gbps", "Gbit/s", "plaintext Gbit/s on one thread", (size, ns) => Gbps(size, ns).ToString("F2", CultureInfo.InvariantCulture)),
            new Column("OpenSslGbps", "OpenSSL Gbit/s", "openssl speed -elapsed -evp chacha20-poly1305 -bytes Size, same run, median of 3", (size, _) =>
                OpenSslSpeed.BytesPerSecond(size) is { } b ? (b * 8 / 1e9).ToString("F2", CultureInfo.InvariantCulture) : "n/a"),
            new Column("VsOpenSsl", "vs OpenSSL", "Gbit/s divided by OpenSSL Gbit/s (target >= 0.5 at 1420 B)", (size, ns) =>
                OpenSslSpeed.BytesPerSecond(size) is { } b ? (Gbps(size, ns) / (b * 8 / 1e9)).ToString("F2", CultureInfo.InvariantCulture) : "n/a"));
    }

    private static double Gbps(int size, double ns) => size * 8 / ns;

    private sealed class Column(string id, string name, string legend, Func<int, double, string> value) : IColumn
    {
        public string Id => id;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 && benchmarkCase.Parameters["Size"] is int size ? value(size, mean.Value) : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
