using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mesh.Benchmarks;

/// <summary>Adds a Rules/s column to <see cref="FirewallBenchmarks"/>.</summary>
public sealed class RulesConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public RulesConfig() => AddColumn(new RulesPerSecondColumn());

    private sealed class RulesPerSecondColumn : IColumn
    {
        private static readonly ConcurrentDictionary<int, (int Rules, int Cidrs)> Counts = new();

        public string Id => "RulesPerSecond";

        public string ColumnName => "Rules/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "rules (filter + SNAT) of the native node per second, and the CIDRs they match per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (mean is not > 0 || benchmarkCase.Parameters["Sites"] is not int sites)
            {
                return "-";
            }

            var (rules, cidrs) = Counts.GetOrAdd(sites, FirewallBenchmarks.RuleCount);
            var seconds = mean.Value / 1e9;
            return string.Create(CultureInfo.InvariantCulture, $"{rules / seconds:N0} ({rules} rules; {cidrs / seconds:N0} CIDRs/s of {cidrs})");
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
