using Mesh.Cli.Commands;
using Mesh.Cli.Rendering;
using Mesh.Control;

namespace Mesh.Cli.Tests.Status;

public sealed class RenderingTests
{
    private static string Status(StatusReport report)
    {
        using var w = new StringWriter { NewLine = "\n" };
        StatusText.Write(w, report, Reports.Now);
        return w.ToString();
    }

    private static string Peers(PeersReport report)
    {
        using var w = new StringWriter { NewLine = "\n" };
        PeersText.Write(w, report, Reports.Now);
        return w.ToString();
    }

    private static void AssertFits80(string text, Func<string, bool>? except = null)
    {
        foreach (var line in text.Split('\n').Where(l => except is null || !except(l)))
        {
            Assert.True(line.Length <= 80, $"{line.Length} columns: '{line}'");
        }
    }

    [Fact]
    public void Healthy_status_matches_its_snapshot_and_fits_80_columns()
    {
        var text = Status(Reports.Healthy);

        Snapshot.Match("status-healthy.txt", text);
        AssertFits80(text);
    }

    [Fact]
    public void Degraded_status_shows_every_spec_error_in_full_and_the_table_fits_80_columns()
    {
        var text = Status(Reports.Degraded);

        Snapshot.Match("status-degraded.txt", text);
        // A diagnostic is printed whole (file:line: path: message), even past 80 columns; everything else fits.
        Assert.Contains($"spec error {Reports.Degraded.SpecErrors[0]}\n", text, StringComparison.Ordinal);
        AssertFits80(text, l => l.StartsWith("spec error ", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_before_the_first_pass_says_so()
    {
        var text = Status(Reports.Healthy with { LastReconcile = null, LastReconcileMs = null, Reconciles = 0, SpecHash = null, Subsystems = [] });

        Assert.Contains("reconcile  none yet\n", text, StringComparison.Ordinal);
        Assert.Contains("(not loaded)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Peers_match_their_snapshot_and_fit_80_columns()
    {
        var text = Peers(Reports.Peers);

        Snapshot.Match("peers.txt", text);
        AssertFits80(text);
    }

    [Fact]
    public void Rendering_never_shows_more_than_the_public_key_material_given()
    {
        var text = Peers(Reports.Peers) + Status(Reports.Degraded);

        Assert.DoesNotContain("private", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Exit_code_is_0_when_every_used_subsystem_is_healthy()
    {
        Assert.Equal(Cli.Ok, StatusCommand.ExitCode(Reports.Healthy));
    }

    public static TheoryData<string, StatusReport> DegradedReports() => new()
    {
        { "spec errors", Reports.Healthy with { SpecErrors = ["mesh.yaml:1:1: bad"] } },
        { "no pass yet", Reports.Healthy with { LastReconcile = null } },
        { "a failed subsystem", Reports.Healthy with { Subsystems = [.. Reports.Healthy.Subsystems.Select(s => s.Name == "frr" ? s with { Health = Health.Failed } : s)] } },
        { "a degraded subsystem", Reports.Healthy with { Subsystems = [.. Reports.Healthy.Subsystems.Select(s => s.Name == "ddns" ? s with { Health = Health.Degraded } : s)] } },
        { "a subsystem not run yet", Reports.Healthy with { Subsystems = [.. Reports.Healthy.Subsystems.Select(s => s.Name == "links" ? s with { Health = Health.Unknown } : s)] } },
        { "the degraded example", Reports.Degraded },
    };

    [Theory]
    [MemberData(nameof(DegradedReports))]
    public void Exit_code_is_1_when_anything_is_not_as_planned(string why, StatusReport report)
    {
        Assert.True(StatusCommand.ExitCode(report) == Cli.Failed, why);
    }
}
